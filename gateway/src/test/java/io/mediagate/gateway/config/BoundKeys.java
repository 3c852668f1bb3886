package io.mediagate.gateway.config;

import io.mediagate.gateway.policy.quota.PriorityClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code mediagate.*} key the gateway binds, with its type and the value the code applies when the key is
 * unset: found by walking the {@code @ConfigurationProperties} records (an element of a list is {@code [*]}, of a
 * map {@code *}) and the {@code @Value("${mediagate.…:default}")} injections in the main sources. The defaults
 * come from running the code, not from reading it: a record is built with every component unset.
 */
final class BoundKeys {
    /** One key; {@code processed} when the metadata processor documents it (not inside a list or map element). */
    record BoundKey(String name, String type, Object codeDefault, boolean leaf, boolean processed) {
        /** Whether the code applies a value worth stating: an empty list or map is "nothing set". */
        boolean hasDefault() {
            return codeDefault != null
                    && !(codeDefault instanceof Collection<?> c && c.isEmpty())
                    && !(codeDefault instanceof Map<?, ?> m && m.isEmpty());
        }
    }

    private static final String BASE = "io.mediagate.gateway";
    private static final Pattern VALUE_KEY =
            Pattern.compile("@Value\\(\"\\$\\{(mediagate\\.[a-z0-9.-]+)(?::([^}]*))?}\"\\)\\s+([\\w.]+)\\s+\\w+");

    /**
     * What an unset element of a list or map stands for, where that is not the record with every component unset:
     * a connection's and a client's policy settings default to {@code mediagate.defaults.*}, a client's priority
     * to {@code interactive}.
     */
    private static final Map<Class<?>, Supplier<Object>> EFFECTIVE_ELEMENT = Map.of(
            ConnectionProperties.class,
                    () -> {
                        ConnectionPolicy p =
                                PolicyDefaults.BUILT_IN.forConnection(ConnectionProperties.of(null, null, null, null));
                        return new ConnectionProperties(
                                null, null, null, null, p.quota(), p.cache(), p.retry(), p.circuit(), p.timeout());
                    },
            ClientProperties.class,
                    () -> {
                        ClientProperties unset = new ClientProperties(null, null, null, null, null, null, null);
                        return new ClientProperties(
                                null,
                                null,
                                null,
                                null,
                                PolicyDefaults.BUILT_IN.forClient(unset),
                                PriorityClass.fromWire(null).wire(),
                                null);
                    });

    private BoundKeys() {}

    /** Every bound key, leaves and containers (a list or map of records), sorted by name. */
    static List<BoundKey> all(Path mainSources) {
        List<BoundKey> keys = new ArrayList<>();
        for (Class<?> type : propertiesClasses()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            walk(prefix, type, unset(type), true, keys);
        }
        keys.addAll(valueInjections(mainSources));
        keys.sort((a, b) -> a.name().compareTo(b.name()));
        return keys;
    }

    /** The {@code @ConfigurationProperties} records of the gateway's main code. */
    private static List<Class<?>> propertiesClasses() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> types = new ArrayList<>();
        scan.findCandidateComponents(BASE).forEach(bd -> {
            Class<?> type = ClassUtils.resolveClassName(bd.getBeanClassName(), BoundKeys.class.getClassLoader());
            String from =
                    type.getProtectionDomain().getCodeSource().getLocation().toString();
            if (!from.contains("test-classes")) {
                if (!type.isRecord()) {
                    throw new IllegalStateException(type + " is not a record: configuration is bound to records");
                }
                types.add(type);
            }
        });
        if (types.isEmpty()) {
            throw new IllegalStateException("no @ConfigurationProperties record found under " + BASE);
        }
        return types;
    }

    private static void walk(String prefix, Class<?> type, Object instance, boolean processed, List<BoundKey> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String name = prefix + "." + kebab(rc.getName());
            Object value = instance == null ? null : read(rc, instance);
            Class<?> raw = rc.getType();
            Type generic = rc.getGenericType();
            if (ours(raw)) {
                walk(name, raw, value, processed, out);
            } else if (List.class.isAssignableFrom(raw) && ours(typeArgument(generic, 0))) {
                out.add(new BoundKey(name, typeName(generic), null, false, processed));
                Class<?> element = typeArgument(generic, 0);
                walk(name + "[*]", element, element(element), false, out);
            } else if (Map.class.isAssignableFrom(raw) && ours(typeArgument(generic, 1))) {
                out.add(new BoundKey(name, typeName(generic), null, false, processed));
                Class<?> element = typeArgument(generic, 1);
                walk(name + ".*", element, element(element), false, out);
            } else {
                out.add(new BoundKey(name, typeName(generic), value, true, processed));
            }
        }
    }

    /** {@code @Value} keys: the default after the colon, converted to the injected type as Spring would. */
    private static List<BoundKey> valueInjections(Path mainSources) {
        List<BoundKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mainSources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = VALUE_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(
                            ClassUtils.resolveClassName(m.group(3), BoundKeys.class.getClassLoader()));
                    Object fallback = m.group(2) == null
                            ? null
                            : ApplicationConversionService.getSharedInstance().convert(m.group(2), type);
                    keys.add(new BoundKey(m.group(1), type.getName(), fallback, true, false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static Object element(Class<?> type) {
        Supplier<Object> effective = EFFECTIVE_ELEMENT.get(type);
        return effective != null ? effective.get() : unset(type);
    }

    /** The record as binding an empty environment builds it: every component unset. */
    static Object unset(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = types[i] == boolean.class ? false : types[i].isPrimitive() ? 0 : null;
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type + " cannot be built with every component unset", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(RecordComponent rc, Object instance) {
        try {
            rc.getAccessor().setAccessible(true);
            return rc.getAccessor().invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ours(Class<?> type) {
        return type != null && type.isRecord() && type.getName().startsWith(BASE);
    }

    private static Class<?> typeArgument(Type generic, int index) {
        return generic instanceof ParameterizedType p && p.getActualTypeArguments()[index] instanceof Class<?> c
                ? c
                : null;
    }

    /** The type as the metadata processor spells it: boxed, no spaces in type arguments. */
    private static String typeName(Type generic) {
        if (generic instanceof Class<?> c) {
            return ClassUtils.resolvePrimitiveIfNecessary(c).getName();
        }
        return generic.getTypeName().replace(" ", "");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
