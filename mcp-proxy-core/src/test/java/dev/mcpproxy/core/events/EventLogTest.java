package dev.mcpproxy.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventLogTest {

    private static List<JsonNode> drain(Subscription subscription) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Event event;
        while ((event = subscription.next(Duration.ZERO)) != null) {
            events.add(Json.parse(event.json()));
        }
        return events;
    }

    @Test
    void eventsCarryIdTypeTimeAndTheirDataAndReachFilteredSubscribers() throws Exception {
        EventLog log = new EventLog(1);
        Subscription onlyAlphaLogs = log.subscribe(0,
                event -> event.type() != EventType.LOG || "alpha".equals(event.server()), 16);
        Instant before = Instant.now();

        log.publish(EventType.SERVER_STATE, Json.object().put("server", "alpha").put("state", "running"));
        log.publish(EventType.LOG, "beta",
                out -> out.append("{\"server\":\"beta\",\"text\":\"not for this subscriber\"}"));
        log.publish(EventType.LOG, "alpha", out -> out.append("{\"server\":\"alpha\",\"text\":\"hello\"}"));

        List<JsonNode> events = drain(onlyAlphaLogs);
        assertThat(events).extracting(e -> e.path("id").asLong()).containsExactly(1L, 3L);
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("server-state", "log");
        assertThat(events.get(0).path("data").path("state").asString()).isEqualTo("running");
        assertThat(events.get(1).path("data").path("text").asString()).isEqualTo("hello");
        assertThat(Instant.parse(events.get(1).path("time").asString())).isAfterOrEqualTo(before.minusMillis(1));
    }

    @Test
    void aLateSubscriberCatchesUpFromTheWindowAndIsToldWhatFellOutOfIt() throws Exception {
        EventLog log = new EventLog(1);
        for (int i = 0; i < EventLog.WINDOW + 10; i++) {
            int n = i;
            log.publish(EventType.LOG, "alpha", out -> out.append("{\"n\":").append(n).append('}'));
        }

        List<JsonNode> caughtUp = drain(log.subscribe(EventLog.WINDOW + 5, event -> true, 64));
        assertThat(caughtUp).extracting(e -> e.path("data").path("n").asInt())
                .containsExactly(EventLog.WINDOW + 5, EventLog.WINDOW + 6, EventLog.WINDOW + 7, EventLog.WINDOW + 8,
                        EventLog.WINDOW + 9);

        List<JsonNode> fromTheStart = drain(log.subscribe(1, event -> true, 2 * EventLog.WINDOW));
        assertThat(fromTheStart.getFirst().path("type").asString()).isEqualTo("missed");
        assertThat(fromTheStart.getFirst().path("data").path("events").asLong()).isEqualTo(9);
        assertThat(fromTheStart).hasSize(1 + EventLog.WINDOW);
    }

    @Test
    void aConsumerOfTheLastLaunchGetsEveryEventTheNewOneHolds() throws Exception {
        EventLog before = new EventLog();
        before.publish(EventType.SERVER_STATE, Json.object().put("server", "alpha").put("state", "running"));
        long lastSeen = before.nextId() - 1;
        Thread.sleep(2);
        EventLog now = new EventLog();
        assertThat(now.nextId()).isGreaterThan(lastSeen);
        for (int i = 0; i < 3; i++) {
            now.publish(EventType.SERVER_STATE, Json.object().put("server", "alpha").put("state", "s" + i));
        }
        assertThat(drain(now.subscribe(lastSeen, event -> true, 16)))
                .extracting(e -> e.path("data").path("state").asString()).containsExactly("s0", "s1", "s2");

        EventLog busy = new EventLog(lastSeen + 1_000);
        for (int i = 0; i < EventLog.WINDOW + 7; i++) {
            busy.publish(EventType.LOG, "alpha", out -> out.append("{}"));
        }
        List<JsonNode> caughtUp = drain(busy.subscribe(lastSeen, event -> true, 2 * EventLog.WINDOW));
        assertThat(caughtUp.getFirst().path("data").path("events").asLong()).as("only what the new one dropped")
                .isEqualTo(7);
        assertThat(caughtUp).hasSize(1 + EventLog.WINDOW);
    }

    @Test
    void aSubscriberThatFallsBehindItsQueueIsDroppedWithoutSlowingThePublisher() throws Exception {
        EventLog log = new EventLog(1);
        Subscription slow = log.subscribe(0, event -> true, 4);
        for (int i = 0; i < 10; i++) {
            log.publish(EventType.LOG, "alpha", out -> out.append("{}"));
        }
        assertThat(slow.dropped()).isTrue();
        assertThat(log.subscriberCount()).isZero();
        assertThat(drain(slow)).hasSize(4);
        assertThat(slow.finished()).isTrue();
    }
}
