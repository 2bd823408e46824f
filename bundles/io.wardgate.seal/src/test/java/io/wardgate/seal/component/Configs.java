package io.wardgate.seal.component;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration annotation instance, as DS would make it: defaults, overridden by the map. */
final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
