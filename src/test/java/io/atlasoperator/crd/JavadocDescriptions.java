package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fills the descriptions of a generated CRD schema from the Javadoc of the Java model, so that
 * {@code kubectl explain} shows users what the model's authors wrote.
 */
final class JavadocDescriptions implements CRDPostProcessor {

  private final JavadocIndex javadoc;
  private final Class<?> resourceClass;

  JavadocDescriptions(JavadocIndex javadoc, Class<?> resourceClass) {
    this.javadoc = javadoc;
    this.resourceClass = resourceClass;
  }

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    CustomResourceDefinition definition = (CustomResourceDefinition) crd;
    definition
        .getSpec()
        .getVersions()
        .forEach(
            version -> {
              JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
              javadoc.ofClass(resourceClass).ifPresent(root::setDescription);
              describe(root, resourceClass);
              version
                  .getAdditionalPrinterColumns()
                  .sort(Comparator.comparingInt(this::declaredPosition));
            });
    return crd;
  }

  /** The generator sorts printer columns by path; users read them in the declared order. */
  private int declaredPosition(CustomResourceColumnDefinition column) {
    AdditionalPrinterColumn[] declared =
        resourceClass.getAnnotationsByType(AdditionalPrinterColumn.class);
    for (int i = 0; i < declared.length; i++) {
      if (declared[i].name().equals(column.getName())) {
        return i;
      }
    }
    return declared.length;
  }

  private void describe(JSONSchemaProps schema, Class<?> type) {
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties == null) {
      return;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        JSONSchemaProps property = properties.get(jsonName(field));
        if (property == null) {
          continue;
        }
        Class<?> fieldType = modelType(resolve(field.getGenericType(), c));
        javadoc
            .ofField(c, field.getName())
            .or(() -> javadoc.ofClass(fieldType))
            .ifPresent(property::setDescription);
        JSONSchemaProps object =
            property.getItems() != null ? property.getItems().getSchema() : property;
        if (object != null && isModel(fieldType)) {
          describe(object, fieldType);
        }
      }
    }
  }

  private boolean isModel(Class<?> type) {
    return type.getPackage() == resourceClass.getPackage() && !type.isEnum();
  }

  private static String jsonName(Field field) {
    JsonProperty property = field.getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : field.getName();
  }

  /** Resolves CustomResource's type variables (spec, status) to the resource's own classes. */
  private Type resolve(Type type, Class<?> declaringClass) {
    if (type instanceof TypeVariable<?> variable
        && resourceClass.getGenericSuperclass() instanceof ParameterizedType superclass
        && superclass.getRawType() == declaringClass) {
      TypeVariable<?>[] parameters = declaringClass.getTypeParameters();
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getName().equals(variable.getName())) {
          return superclass.getActualTypeArguments()[i];
        }
      }
    }
    return type;
  }

  /** The element type of a list field, else the field's own class. */
  private static Class<?> modelType(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == List.class
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return type instanceof Class<?> c ? c : Object.class;
  }
}
