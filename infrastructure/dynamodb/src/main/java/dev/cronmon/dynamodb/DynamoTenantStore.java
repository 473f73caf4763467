package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.store.TenantStore;
import dev.cronmon.domain.store.UpdateOutcome;
import dev.cronmon.domain.tenant.Organization;
import dev.cronmon.domain.tenant.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Organizations ({@code ORG#{slug}} / {@code ORG}) and projects ({@code PROJECT#{id}} / {@code PROJECT}), each project
 * with a copy in its organization's partition for listing and the claim of its slug ({@code PSLUG#{slug}}), written
 * together.
 */
final class DynamoTenantStore implements TenantStore {
  private final Table table;

  DynamoTenantStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<Organization> organization(String slug) {
    if (!valid(slug)) return Optional.empty();
    return table.get(Keys.organization(slug), false).map(TenantItems::organization);
  }

  @Override
  public boolean putOrganization(Organization organization) {
    require(organization.slug(), "organization slug");
    return table.put(TenantItems.organization(organization), Table.Condition.absent());
  }

  @Override
  public boolean replaceOrganization(Organization organization) {
    require(organization.slug(), "organization slug");
    return table.put(TenantItems.organization(organization), Table.Condition.exists());
  }

  @Override
  public Optional<Project> project(String projectId) {
    if (!valid(projectId)) return Optional.empty();
    return table.get(Keys.project(projectId), false).map(TenantItems::project);
  }

  /**
   * One Query of the organization's partition (the project copies). Eventually consistent (half the read cost;
   * projects are created rarely), since token check-ins that create a monitor call it.
   */
  @Override
  public List<Project> projects(String organization) {
    if (!valid(organization)) return List.of();
    return table.queryAll(table.beginsWith(Keys.orgPk(organization), "PROJECT#").build()).stream().map(TenantItems::project).toList();
  }

  @Override
  public boolean putProject(Project project) {
    require(project.id(), "project id");
    require(project.organization(), "organization");
    require(project.slug(), "project slug");
    return table.commit(
        table.putWrite(TenantItems.project(project, false), Table.Condition.absent()),
        table.putWrite(TenantItems.project(project, true), Table.Condition.absent()),
        table.putWrite(TenantItems.projectSlug(project), Table.Condition.absent()));
  }

  /**
   * One transaction: the project item on its stored slug and name (optimistic, as projects carry no version), its
   * listing copy, and when the slug changes, the old claim released and the new one taken.
   */
  @Override
  public UpdateOutcome updateProject(Project previous, Project updated) {
    if (!previous.id().equals(updated.id()) || !previous.organization().equals(updated.organization())) {
      throw new IllegalArgumentException("a project keeps its id and organization");
    }
    require(updated.slug(), "project slug");
    List<TransactWriteItem> writes = new ArrayList<>(4);
    writes.add(table.putWrite(TenantItems.project(updated, false), new Table.Condition("#slug = :slug AND #name = :name",
        Map.of("#slug", "slug", "#name", "name"),
        Map.of(":slug", AttributeValue.fromS(previous.slug()), ":name", AttributeValue.fromS(previous.name())))));
    writes.add(table.putWrite(TenantItems.project(updated, true), Table.Condition.exists()));
    boolean slugMoves = !previous.slug().equals(updated.slug());
    if (slugMoves) {
      writes.add(table.deleteWrite(slugClaim(previous), LegacyItems.releasableSlugClaim(previous.id())));
      writes.add(table.putWrite(TenantItems.projectSlug(updated), Table.Condition.absent()));
    }
    Table.Outcome outcome = table.transact(writes);
    if (outcome.committed()) return UpdateOutcome.UPDATED;
    return slugMoves && outcome.failed(3) && !outcome.failed(0) ? UpdateOutcome.SLUG_TAKEN : UpdateOutcome.STALE;
  }

  @Override
  public boolean deleteProject(Project project) {
    return table.commit(
        table.deleteWrite(Keys.project(project.id()), Table.Condition.exists()),
        table.deleteWrite(Keys.key(Keys.orgPk(project.organization()), Keys.projectPk(project.id())), Table.Condition.exists()),
        table.deleteWrite(slugClaim(project), LegacyItems.releasableSlugClaim(project.id())));
  }

  private static Map<String, AttributeValue> slugClaim(Project project) {
    return Keys.key(Keys.orgPk(project.organization()), Keys.projectSlugSk(project.slug()));
  }
}
