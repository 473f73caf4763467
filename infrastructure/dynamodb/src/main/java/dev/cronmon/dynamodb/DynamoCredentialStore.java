package dev.cronmon.dynamodb;

import static dev.cronmon.domain.store.KeyParts.require;
import static dev.cronmon.domain.store.KeyParts.valid;

import dev.cronmon.domain.store.CredentialStore;
import dev.cronmon.domain.tenant.ApiToken;
import dev.cronmon.domain.tenant.DsnKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * DSN keys ({@code KEY#{publicKey}} / {@code KEY}) with a copy in their project's partition, and API tokens
 * ({@code TOKEN#{sha256}} / {@code TOKEN}) with a copy in their organization's, each pair written and deleted together.
 * Lookups are strongly consistent, for 0.5 RCU more per check-in: a deleted credential stops working at once.
 */
final class DynamoCredentialStore implements CredentialStore {
  private final Table table;

  DynamoCredentialStore(Table table) {
    this.table = table;
  }

  @Override
  public Optional<DsnKey> dsnKey(String publicKey) {
    if (!valid(publicKey)) return Optional.empty();
    return table.get(Keys.dsnKey(publicKey), true).map(TenantItems::dsnKey);
  }

  @Override
  public boolean putDsnKey(DsnKey key) {
    require(key.publicKey(), "public key");
    require(key.projectId(), "project id");
    return table.commit(
        table.putWrite(TenantItems.dsnKey(key), Table.Condition.absent()),
        table.putWrite(TenantItems.dsnKeyCopy(key), Table.Condition.absent()));
  }

  @Override
  public List<DsnKey> dsnKeys(String projectId) {
    if (!valid(projectId)) return List.of();
    return table.queryAll(table.beginsWith(Keys.projectPk(projectId), "KEY#").build()).stream().map(TenantItems::dsnKey)
        .sorted(Comparator.comparing(DsnKey::dateCreated)).toList();
  }

  @Override
  public boolean deleteDsnKey(DsnKey key) {
    return table.commit(
        table.deleteWrite(Keys.dsnKey(key.publicKey()), Table.Condition.exists()),
        table.deleteWrite(Keys.key(Keys.projectPk(key.projectId()), "KEY#" + key.publicKey()), Table.Condition.exists()));
  }

  @Override
  public Optional<ApiToken> tokenByHash(String sha256) {
    if (!valid(sha256)) return Optional.empty();
    return table.get(Keys.token(sha256), true).map(TenantItems::token);
  }

  @Override
  public boolean putToken(ApiToken token) {
    require(token.sha256(), "token hash");
    require(token.id(), "token id");
    require(token.organization(), "organization");
    return table.commit(
        table.putWrite(TenantItems.token(token), Table.Condition.absent()),
        table.putWrite(TenantItems.tokenCopy(token), Table.Condition.absent()));
  }

  @Override
  public List<ApiToken> tokens(String organization) {
    if (!valid(organization)) return List.of();
    return table.queryAll(table.beginsWith(Keys.orgPk(organization), "TOKEN#").build()).stream().map(TenantItems::token)
        .sorted(Comparator.comparing(ApiToken::dateCreated)).toList();
  }

  @Override
  public Optional<ApiToken> token(String organization, String tokenId) {
    if (!valid(organization) || !valid(tokenId)) return Optional.empty();
    return table.get(Keys.key(Keys.orgPk(organization), Keys.tokenCopySk(tokenId)), true).map(TenantItems::token);
  }

  @Override
  public boolean deleteToken(ApiToken token) {
    return table.commit(
        table.deleteWrite(Keys.token(token.sha256()), Table.Condition.exists()),
        table.deleteWrite(Keys.key(Keys.orgPk(token.organization()), Keys.tokenCopySk(token.id())), Table.Condition.exists()));
  }
}
