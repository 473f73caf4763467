package dev.cronmon.dynamodb;

import dev.cronmon.domain.alert.Delivery;
import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.incident.ResolvedIncident;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.store.StoreContract;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Local integration layer: the store contract against DynamoDB ({@link TestDynamoDb}: DynamoDB Local in this JVM, or the
 * endpoint the build names), a fresh table per test. Expiry is the item's TTL attribute.
 */
class DynamoStoreContractTest extends StoreContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static TestDynamoDb dynamo;
  private String table;

  @BeforeAll
  static void start() {
    dynamo = TestDynamoDb.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  @Override
  protected CronStore newStore() {
    table = "contract-" + TABLES.incrementAndGet();
    TableSchema.createTable(dynamo.client(), table);
    return new DynamoCronStore(dynamo.client(), table);
  }

  @Override
  protected Optional<Instant> storedExpiry(Object record) {
    Map<String, AttributeValue> key;
    if (record instanceof CheckIn c) key = Keys.checkIn(c.id());
    else if (record instanceof ResolvedIncident r) key = Keys.key(Keys.monitorPk(r.monitorId()), Keys.incidentSk(r.started(), r.id()));
    else if (record instanceof Delivery d) key = Keys.key(Keys.deliveryPk(d.channelId()), Keys.deliverySk(d.eventId()));
    else if (record instanceof OutputOf o) key = Keys.key(Keys.checkInPk(o.checkInId()), DynamoJobOutputs.SK);
    else throw new IllegalArgumentException("not a record that expires: " + record);
    DynamoDbClient client = dynamo.client();
    AttributeValue ttl = client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item().get(TableSchema.TTL_ATTRIBUTE);
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(ttl.n())));
  }
}
