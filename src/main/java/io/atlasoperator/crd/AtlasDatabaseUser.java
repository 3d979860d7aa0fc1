package io.atlasoperator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A MongoDB Atlas database user, managed declaratively. The operator creates, updates and deletes
 * the user in the Atlas project named by spec.projectId so that it matches this resource, and
 * reports the outcome in status.conditions.
 */
@Group(AtlasDatabaseUser.GROUP)
@Version(AtlasDatabaseUser.VERSION)
@Kind("AtlasDatabaseUser")
@Singular("atlasdatabaseuser")
@Plural("atlasdatabaseusers")
@ShortNames("adbu")
@AdditionalPrinterColumn(name = "Username", jsonPath = ".spec.username")
@AdditionalPrinterColumn(name = "Project", jsonPath = ".spec.projectId")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.status==\"True\")].reason")
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".status.atlas.expiresAt", priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class AtlasDatabaseUser
    extends CustomResource<AtlasDatabaseUserSpec, AtlasDatabaseUserStatus> implements Namespaced {

  /** The API group, distinct from MongoDB's own operator (atlas.mongodb.com). */
  public static final String GROUP = "atlasoperator.io";

  public static final String VERSION = "v1alpha1";

  private static final long serialVersionUID = 1L;
}
