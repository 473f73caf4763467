package dev.cronmon.dynamodb;

import static dev.cronmon.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.domain.checkin.CheckIn;
import dev.cronmon.domain.checkin.CheckInStatus;
import dev.cronmon.domain.store.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckInHistoryTest extends StoreTestSupport {

  private List<CheckIn> seed(String monitorId, int count, String... environments) {
    List<CheckIn> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CheckIn c = Fixtures.checkIn(monitorId, environments[i % environments.length], T0.plusSeconds(60L * i));
      assertThat(store.saveCheckIn(c)).isTrue();
      all.add(c);
    }
    all.sort(Comparator.comparing(CheckIn::dateCreated).reversed());
    return all;
  }

  private List<CheckIn> readAll(String monitorId, String environment, int pageSize, List<Integer> pageSizes) {
    List<CheckIn> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<CheckIn> page = store.checkIns(monitorId, environment, cursor, pageSize);
      pageSizes.add(page.items().size());
      seen.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return seen;
  }

  @Test
  void checkIns_areNewestFirst_acrossCursorPages() {
    List<CheckIn> expected = seed("mon-1", 23, "production");
    seed("mon-2", 5, "production");
    List<Integer> sizes = new ArrayList<>();
    assertThat(readAll("mon-1", null, 10, sizes)).containsExactlyElementsOf(expected);
    assertThat(sizes).containsExactly(10, 10, 3);
  }

  @Test
  void checkIns_lastFullPage_hasNoCursor() {
    seed("mon-1", 20, "production");
    Page<CheckIn> first = store.checkIns("mon-1", null, null, 10);
    Page<CheckIn> second = store.checkIns("mon-1", null, first.nextCursor(), 10);
    assertThat(second.items()).hasSize(10);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void checkIns_filteredByEnvironment_keepOrderAndPagination() {
    List<CheckIn> all = seed("mon-1", 30, "production", "staging", "staging");
    List<CheckIn> production = all.stream().filter(c -> c.environment().equals("production")).toList();
    List<CheckIn> staging = all.stream().filter(c -> c.environment().equals("staging")).toList();

    List<Integer> sizes = new ArrayList<>();
    assertThat(readAll("mon-1", "production", 4, sizes)).containsExactlyElementsOf(production);
    assertThat(sizes).containsExactly(4, 4, 2);
    assertThat(readAll("mon-1", "staging", 7, new ArrayList<>())).containsExactlyElementsOf(staging);
    assertThat(store.checkIns("mon-1", "nowhere", null, 10)).isEqualTo(new Page<CheckIn>(List.of(), null));
  }

  @Test
  void checkIns_showTheCurrentVersion_afterARunCloses() {
    CheckIn open = Fixtures.checkIn("mon-1", "production", T0);
    store.saveCheckIn(open);
    CheckIn closed = open.close(CheckInStatus.ERROR, 42L, T0.plusSeconds(42));
    store.saveCheckIn(closed);
    assertThat(store.checkIns("mon-1", "production", null, 10).items()).containsExactly(closed);
  }

  @Test
  void checkIns_ofAMonitorWithout_anyAreEmpty() {
    assertThat(store.checkIns("mon-1", null, null, 10)).isEqualTo(new Page<CheckIn>(List.of(), null));
  }

  @Test
  void checkIns_rareEnvironment_returnsPartialPagesWithCursor_butFindsEverything() {
    // More non-matching entries than one request may read (here 3 queries of 10): the page comes back short,
    // with a cursor to go on.
    store = new DynamoCronStore(client, table, DynamoCronStore.DEFAULT_DUE_SHARDS, 10, 3);
    int noise = 10 * 3 * 2 + 5;
    List<CheckIn> rare = new ArrayList<>();
    for (int i = 0; i < noise + 2; i++) {
      boolean isRare = i == 0 || i == noise + 1;
      CheckIn c = Fixtures.checkIn("mon-1", isRare ? "rare" : "production", T0.plusSeconds(i));
      store.saveCheckIn(c);
      if (isRare) rare.add(0, c);
    }
    List<Integer> sizes = new ArrayList<>();
    assertThat(readAll("mon-1", "rare", 10, sizes)).containsExactlyElementsOf(rare);
    assertThat(sizes).containsExactly(1, 0, 1);
  }

  @Test
  void checkIns_rejectMalformedCursors_asIllegalArgument() {
    seed("mon-1", 3, "production");
    String monitorCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("m1:job".getBytes());
    String badUuid = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("c1:2025-01-01T00:00:00.000Z#not-a-uuid".getBytes());
    for (String bad : List.of("***", monitorCursor, badUuid, "")) {
      if (bad.isEmpty()) continue; // empty = first page
      assertThatThrownBy(() -> store.checkIns("mon-1", null, bad, 10))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid cursor");
    }
  }

  @Test
  void checkIns_cursorOfOneMonitor_onlyPositionsWithinAnother() {
    seed("mon-1", 3, "production"); // T0, T0 + 60 s, T0 + 120 s
    List<CheckIn> other = new ArrayList<>();
    for (int s : new int[] {150, 90, 30}) {
      CheckIn c = Fixtures.checkIn("mon-2", "production", T0.plusSeconds(s));
      store.saveCheckIn(c);
      other.add(c);
    }
    String cursor = store.checkIns("mon-1", null, null, 1).nextCursor();
    // The cursor points at mon-1's newest time (T0 + 120 s): in mon-2 it continues after that time, in mon-2 only.
    assertThat(store.checkIns("mon-2", null, cursor, 10).items()).containsExactly(other.get(1), other.get(2));
  }

  @Test
  void checkIns_clampHugeLimits_andRefuseNonPositive() {
    seed("mon-1", 3, "production");
    assertThat(store.checkIns("mon-1", null, null, Integer.MAX_VALUE).items()).hasSize(3);
    assertThatThrownBy(() -> store.checkIns("mon-1", null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.checkIn(UUID.randomUUID())).isEmpty();
  }
}
