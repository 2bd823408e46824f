package io.wardgate.serial;

import io.wardgate.api.driver.DeviceDriver;
import io.wardgate.api.driver.SerialDriver;
import io.wardgate.driver.masimo.MasimoDriver;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** PortConfig instances as DS would make them: given values, else the annotation's defaults. */
final class Configs {
    private Configs() {
    }

    /** A driver catalog with the Masimo driver installed, as DS binds it. */
    static SerialDriverCatalog drivers() {
        SerialDriverCatalog catalog = new SerialDriverCatalog();
        install(catalog, new MasimoDriver());
        return catalog;
    }

    /** Binds a driver the way DS does: with its protocol as the service property. */
    static void install(SerialDriverCatalog catalog, SerialDriver driver) {
        catalog.addDriver(driver, Map.of(DeviceDriver.PROTOCOL, driver.protocol()));
    }

    static void uninstall(SerialDriverCatalog catalog, SerialDriver driver) {
        catalog.removeDriver(driver, Map.of(DeviceDriver.PROTOCOL, driver.protocol()));
    }

    /** The required attributes for a Masimo at bed 12, plus any overrides. */
    static PortConfig masimo(String path, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("path", path, "protocol", "masimo", "site", "st-marys",
                "ward", "icu-2", "bed", "12"));
        values.putAll(overrides);
        return (PortConfig) Proxy.newProxyInstance(PortConfig.class.getClassLoader(), new Class<?>[] {PortConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PortConfig.class;
                    }
                    Object value = values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                    if (value == null && method.getDeclaringClass() == PortConfig.class) {
                        throw new IllegalStateException("required attribute missing: " + method.getName());
                    }
                    return value;
                });
    }

    /** A PortConfig exactly as given: a missing attribute is null, as DS gives a required one that is absent. */
    static PortConfig asGiven(Map<String, Object> values) {
        return (PortConfig) Proxy.newProxyInstance(PortConfig.class.getClassLoader(), new Class<?>[] {PortConfig.class},
                (proxy, method, args) -> method.getName().equals("annotationType") ? PortConfig.class
                        : values.get(method.getName()));
    }
}
