package io.pycounters.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of the classes at some code locations, as text: one line per public type (its
 * declaration), and under it one indented line per public or protected constructor, method and
 * field, sorted, so that a change shows as a line added or removed. Types in {@code internal}
 * packages, and types that no code outside their package can reach, are left out.
 */
final class PublicApi {

    private PublicApi() {
    }

    /** The API of the classes in the jars or directories that hold {@code anchors}. */
    static String of(Class<?>... anchors) {
        Map<String, List<String>> types = new TreeMap<>();
        for (Class<?> anchor : anchors) {
            for (String name : classNames(location(anchor))) {
                Class<?> type = load(name, anchor.getClassLoader());
                if (isApi(type)) {
                    types.put(type.getName(), describe(type));
                }
            }
        }
        StringBuilder text = new StringBuilder();
        types.values().forEach(lines -> lines.forEach(line -> text.append(line).append('\n')));
        return text.toString();
    }

    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        if (type.getPackageName().equals("internal") || type.getPackageName().endsWith(".internal")
                || type.getPackageName().contains(".internal.")) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) && !Modifier.isProtected(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> describe(Class<?> type) {
        List<String> lines = new ArrayList<>();
        lines.add(declaration(type));
        List<String> members = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor) && !constructor.isSynthetic()) {
                members.add(executable(constructor, "<init>"));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method) && !method.isSynthetic() && !method.isBridge()) {
                members.add(executable(method, method.getGenericReturnType().getTypeName() + " " + method.getName()));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field) && !field.isSynthetic()) {
                members.add(modifiers(field.getModifiers()) + field.getGenericType().getTypeName() + " " + field.getName());
            }
        }
        members.stream().sorted(Comparator.comparing(PublicApi::memberName).thenComparing(Comparator.naturalOrder()))
                .forEach(member -> lines.add("    " + member));
        return lines;
    }

    /** A member's name, which orders the members: {@code <init>} first, then methods and fields by name. */
    private static String memberName(String member) {
        int parameters = member.indexOf('(');
        String head = parameters < 0 ? member : member.substring(0, parameters);
        return head.substring(head.lastIndexOf(' ') + 1);
    }

    private static String declaration(Class<?> type) {
        // JDK 17's toGenericString() leaves out sealed and non-sealed, later JDKs' put them in: the
        // line is the same on both, with sealed (which users cannot extend) from isSealed().
        String generic = type.toGenericString().replaceAll("(^| )(non-sealed|sealed) ", "$1");
        if (type.isSealed()) {
            generic = generic.replaceFirst("(^| )(class|interface|enum|record) ", "$1sealed $2 ");
        }
        StringBuilder line = new StringBuilder(generic);
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static String executable(Executable executable, String head) {
        String parameters = Arrays.stream(executable.getGenericParameterTypes()).map(Type::getTypeName)
                .collect(Collectors.joining(", "));
        if (executable.isVarArgs()) {
            parameters = parameters.substring(0, parameters.length() - 2) + "...";
        }
        String throwing = executable.getGenericExceptionTypes().length == 0 ? "" : " throws "
                + Arrays.stream(executable.getGenericExceptionTypes()).map(Type::getTypeName).collect(Collectors.joining(", "));
        String typeParameters = executable.getTypeParameters().length == 0 ? "" : "<"
                + Arrays.stream(executable.getTypeParameters()).map(PublicApi::typeVariable).collect(Collectors.joining(", ")) + "> ";
        // "default" is no modifier bit: said in words, since it is what lets implementations omit a method.
        String prefix = executable instanceof Method method && method.isDefault() ? "default " : "";
        return prefix + modifiers(executable.getModifiers()) + typeParameters + head + "(" + parameters + ")" + throwing;
    }

    private static String typeVariable(java.lang.reflect.TypeVariable<?> variable) {
        Type[] bounds = variable.getBounds();
        if (bounds.length == 1 && bounds[0] == Object.class) {
            return variable.getName();
        }
        return variable.getName() + " extends " + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
    }

    private static boolean visible(Member member) {
        return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
    }

    private static String modifiers(int modifiers) {
        // Only what a caller or a subclass sees: not synchronized, native, strictfp, transient, volatile.
        int shown = modifiers & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT);
        String text = Modifier.toString(shown);
        return text.isEmpty() ? "" : text + " ";
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException(name, ex);
        }
    }

    private static Path location(Class<?> anchor) {
        URL url = anchor.getProtectionDomain().getCodeSource().getLocation();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(url.toString(), ex);
        }
    }

    /** The binary names of the classes under {@code location}, a directory or a jar. */
    private static List<String> classNames(Path location) {
        try {
            if (Files.isDirectory(location)) {
                return classNames(location, location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return classNames(jar.getPath("/"), jar.getPath("/"));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> classNames(Path root, Path start) throws IOException {
        try (Stream<Path> files = Files.walk(start)) {
            return files.map(root::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".class") && !file.endsWith("package-info.class")
                            && !file.endsWith("module-info.class") && !file.startsWith("META-INF"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
