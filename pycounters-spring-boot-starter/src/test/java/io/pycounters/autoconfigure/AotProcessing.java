package io.pycounters.autoconfigure;

import java.util.Map;
import java.util.stream.Collectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

/**
 * Spring AOT's build-time processing of a context made of the given configurations and properties,
 * as {@code process-aot} does it for an application: the hints and files it generates.
 */
public final class AotProcessing {

    private final DefaultGenerationContext generation;
    private final InMemoryGeneratedFiles files;

    private AotProcessing(DefaultGenerationContext generation, InMemoryGeneratedFiles files) {
        this.generation = generation;
        this.files = files;
    }

    /** Processes, without refreshing it, a context of {@code configurations} with {@code properties} set. */
    public static AotProcessing of(Class<?>[] configurations, String... properties) {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("io.pycounters.aottest", "Test")), files);
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of(properties).applyTo(context);
            context.register(configurations);
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        }
        generation.writeGeneratedContent();
        return new AotProcessing(generation, files);
    }

    public RuntimeHints hints() {
        return generation.getRuntimeHints();
    }

    /** The names of the generated class files (CGLIB proxies), such as {@code a/b/C$$SpringCGLIB$$0.class}. */
    public Iterable<String> classFiles() {
        return files.getGeneratedFiles(GeneratedFiles.Kind.CLASS).keySet();
    }

    /** All generated Java sources, one after the other. */
    public String sources() {
        Map<String, ?> sources = files.getGeneratedFiles(GeneratedFiles.Kind.SOURCE);
        return sources.keySet().stream().map(path -> path + "\n" + content(path)).collect(Collectors.joining("\n"));
    }

    private String content(String path) {
        try {
            return files.getGeneratedFileContent(GeneratedFiles.Kind.SOURCE, path);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
