package io.wardgate.uplink;

import io.wardgate.api.config.ConfigurationCheck;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks proposed uplink settings with the very rules the uplink starts with ({@link
 * UplinkSettings#from}), before they are applied: a tcp:// broker URL or a ward "icu 3" is refused
 * with the reason, even on a gateway whose uplink cannot start yet (no certificate installed).
 */
@Component(property = ConfigurationCheck.PID + "=" + UplinkComponent.PID)
public final class UplinkSettingsCheck implements ConfigurationCheck {
    @Override
    public List<String> problems(Map<String, Object> properties) {
        try {
            UplinkSettings.from(proposed(properties));
            return List.of();
        } catch (IllegalArgumentException | NullPointerException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    /** The properties as the typed configuration DS would hand the component (defaults where absent). */
    static UplinkConfiguration proposed(Map<String, Object> properties) {
        return (UplinkConfiguration) Proxy.newProxyInstance(UplinkConfiguration.class.getClassLoader(),
                new Class<?>[] {UplinkConfiguration.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "proposed uplink settings" : null;
                    }
                    Object value = properties.get(method.getName());
                    return value == null ? defaultOf(method) : convert(value, method.getReturnType());
                });
    }

    private static Object defaultOf(Method method) {
        Object value = method.getDefaultValue();
        if (value == null && method.getReturnType() == String[].class) {
            return new String[0];
        }
        return value;
    }

    private static Object convert(Object value, Class<?> type) {
        List<Object> values = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                values.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> c) {
            values.addAll(c);
        } else {
            values.add(value);
        }
        if (type == String[].class) {
            return values.stream().map(String::valueOf).toArray(String[]::new);
        }
        String text = values.isEmpty() ? "" : String.valueOf(values.get(0));
        if (type == int.class) {
            return Integer.parseInt(text.strip());
        }
        if (type == long.class) {
            return Long.parseLong(text.strip());
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text.strip());
        }
        return text;
    }
}
