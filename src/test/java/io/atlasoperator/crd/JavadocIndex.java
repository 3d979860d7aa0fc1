package io.atlasoperator.crd;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.comments.JavadocComment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The Javadoc of the classes and fields in a source folder, as plain text for users. */
final class JavadocIndex {

  private final Map<String, String> docs = new HashMap<>();

  private JavadocIndex() {}

  static JavadocIndex of(Path sourceDir) {
    JavadocIndex index = new JavadocIndex();
    try (Stream<Path> files = Files.walk(sourceDir)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(index::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return index;
  }

  Optional<String> ofClass(Class<?> type) {
    return Optional.ofNullable(docs.get(type.getName()));
  }

  Optional<String> ofField(Class<?> type, String fieldName) {
    return Optional.ofNullable(docs.get(type.getName() + "#" + fieldName));
  }

  private void read(Path file) {
    CompilationUnit unit;
    try {
      unit = StaticJavaParser.parse(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
      String className = pkg + type.getNameAsString();
      type.getJavadocComment().ifPresent(doc -> docs.put(className, text(doc)));
      for (FieldDeclaration field : type.getFields()) {
        field
            .getJavadocComment()
            .ifPresent(
                doc ->
                    field
                        .getVariables()
                        .forEach(v -> docs.put(className + "#" + v.getNameAsString(), text(doc))));
      }
    }
  }

  /** The description part of a Javadoc comment, on one line, with inline tags unwrapped. */
  private static String text(JavadocComment comment) {
    return comment
        .parse()
        .getDescription()
        .toText()
        .replaceAll("\\{@(?:code|link|literal) ([^}]*)}", "$1")
        .replaceAll("\\s+", " ")
        .trim();
  }
}
