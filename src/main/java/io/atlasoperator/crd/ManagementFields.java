package io.atlasoperator.crd;

/**
 * What the operator may do to an Atlas user beyond making it match: take over one that already
 * exists, replace it when its identity changes, and delete it with its resource.
 */
public abstract class ManagementFields {

  /**
   * Take over an Atlas user of this name that already exists and no AtlasDatabaseUser manages (made
   * in the Atlas UI, by Terraform, or by MongoDB's operator): its roles, password, scopes and
   * labels become this spec's, and deletionPolicy applies to it. False by default: an existing user
   * is then left untouched and the resource reports AdoptionNotAllowed.
   */
  private Boolean adoptExisting;

  /**
   * What happens to the Atlas user when this resource is deleted: Delete (the default) removes it
   * from Atlas, Retain leaves it there. When unset, MongoDB's operator's annotation
   * mongodb.com/atlas-resource-policy: keep means Retain; when set, it wins over that annotation.
   * status.deletionPolicy says which applies and why.
   */
  private DeletionPolicy deletionPolicy;

  /**
   * What a change of username, databaseName or authentication type does: Replace (the default)
   * creates the new user, waits until Atlas has applied it and the connection Secrets name it, then
   * deletes the old one (or, under deletionPolicy Retain, leaves it without the owner label);
   * status.replacing names the old user meanwhile. Refuse keeps them immutable (kubectl apply
   * refuses the change). The authentication type changes only with the username or databaseName:
   * the same user cannot be created before the old one is gone.
   */
  private IdentityChange onIdentityChange;

  public IdentityChange getOnIdentityChange() {
    return onIdentityChange;
  }

  public void setOnIdentityChange(IdentityChange onIdentityChange) {
    this.onIdentityChange = onIdentityChange;
  }

  public Boolean getAdoptExisting() {
    return adoptExisting;
  }

  public void setAdoptExisting(Boolean adoptExisting) {
    this.adoptExisting = adoptExisting;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
