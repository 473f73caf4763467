package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Attrs.bool;
import static dev.cronmon.dynamodb.Attrs.instant;
import static dev.cronmon.dynamodb.Attrs.item;
import static dev.cronmon.dynamodb.Attrs.longN;
import static dev.cronmon.dynamodb.Attrs.s;
import static dev.cronmon.dynamodb.Keys.KIND;

import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import dev.cronmon.domain.tenant.Scope;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Organizations, projects, DSN keys and API tokens to and from items (docs/data-model.md lists every attribute). */
final class TenantItems {
  private TenantItems() {}

  static Map<String, AttributeValue> organization(Organization o) {
    return item().s(TableSchema.PK, Keys.orgPk(o.slug())).s(TableSchema.SK, "ORG").s(KIND, "organization")
        .s("slug", o.slug()).s("name", o.name()).instant("dateCreated", o.dateCreated())
        .n("maxMonitors", o.maxMonitors()).n("maxEnvironmentsPerMonitor", o.maxEnvironmentsPerMonitor()).build();
  }

  static Organization organization(Map<String, AttributeValue> i) {
    Long maxMonitors = longN(i, "maxMonitors");
    Long maxEnvironments = longN(i, "maxEnvironmentsPerMonitor");
    return new Organization(s(i, "slug"), s(i, "name"), instant(i, "dateCreated"),
        maxMonitors == null ? null : Math.toIntExact(maxMonitors), maxEnvironments == null ? null : Math.toIntExact(maxEnvironments));
  }

  /** The project item itself ({@code PROJECT#{id}}), or its copy in the organization's partition for listing. */
  static Map<String, AttributeValue> project(Project p, boolean orgCopy) {
    return item()
        .s(TableSchema.PK, orgCopy ? Keys.orgPk(p.organization()) : Keys.projectPk(p.id()))
        .s(TableSchema.SK, orgCopy ? Keys.projectPk(p.id()) : "PROJECT")
        .s(KIND, orgCopy ? "project-ref" : "project")
        .s("id", p.id()).s("organization", p.organization()).s("slug", p.slug()).s("name", p.name())
        .instant("dateCreated", p.dateCreated()).build();
  }

  static Project project(Map<String, AttributeValue> i) {
    return new Project(s(i, "id"), s(i, "organization"), s(i, "slug"), s(i, "name"), instant(i, "dateCreated"));
  }

  /** The claim that makes a project slug unique in its organization (written and moved with the project). */
  static Map<String, AttributeValue> projectSlug(Project p) {
    return item().s(TableSchema.PK, Keys.orgPk(p.organization())).s(TableSchema.SK, Keys.projectSlugSk(p.slug()))
        .s(KIND, "project-slug").s("projectId", p.id()).build();
  }

  /** A DSN key's copy in its project's partition, for listing a project's keys. */
  static Map<String, AttributeValue> dsnKeyCopy(DsnKey k) {
    Map<String, AttributeValue> copy = new HashMap<>(dsnKey(k));
    copy.put(TableSchema.PK, AttributeValue.fromS(Keys.projectPk(k.projectId())));
    copy.put(TableSchema.SK, AttributeValue.fromS("KEY#" + k.publicKey()));
    copy.put(KIND, AttributeValue.fromS("dsn-key-ref"));
    return copy;
  }

  /** A token's copy in its organization's partition (the hash, never the secret), for listing and revoking by id. */
  static Map<String, AttributeValue> tokenCopy(ApiToken t) {
    Map<String, AttributeValue> copy = new HashMap<>(token(t));
    copy.put(TableSchema.PK, AttributeValue.fromS(Keys.orgPk(t.organization())));
    copy.put(TableSchema.SK, AttributeValue.fromS(Keys.tokenCopySk(t.id())));
    copy.put(KIND, AttributeValue.fromS("token-ref"));
    return copy;
  }

  static Map<String, AttributeValue> dsnKey(DsnKey k) {
    return item().s(TableSchema.PK, "KEY#" + k.publicKey()).s(TableSchema.SK, "KEY").s(KIND, "dsn-key")
        .s("publicKey", k.publicKey()).s("projectId", k.projectId()).s("organization", k.organization())
        .s("label", k.label()).bool("revoked", k.revoked()).instant("dateCreated", k.dateCreated()).build();
  }

  static DsnKey dsnKey(Map<String, AttributeValue> i) {
    return new DsnKey(s(i, "publicKey"), s(i, "projectId"), s(i, "organization"), s(i, "label"), bool(i, "revoked"),
        instant(i, "dateCreated"));
  }

  static Map<String, AttributeValue> token(ApiToken t) {
    return item().s(TableSchema.PK, "TOKEN#" + t.sha256()).s(TableSchema.SK, "TOKEN").s(KIND, "token")
        .s("id", t.id()).s("organization", t.organization()).s("sha256", t.sha256())
        .strings("scopes", t.scopes().stream().sorted().map(Scope::wire).toList())
        .s("name", t.name()).instant("dateCreated", t.dateCreated()).build();
  }

  static ApiToken token(Map<String, AttributeValue> i) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String wire : Attrs.strings(i, "scopes")) Scope.fromWire(wire).ifPresent(scopes::add);
    return new ApiToken(s(i, "id"), s(i, "organization"), s(i, "sha256"), Set.copyOf(scopes), s(i, "name"),
        instant(i, "dateCreated"));
  }
}
