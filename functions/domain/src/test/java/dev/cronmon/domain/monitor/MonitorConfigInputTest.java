package dev.cronmon.domain.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.config.MonitorConfig;
import dev.cronmon.domain.monitor.codec.MonitorConfigJson;
import dev.cronmon.domain.schedule.CrontabSchedule;
import dev.cronmon.domain.schedule.IntervalSchedule;
import dev.cronmon.domain.schedule.IntervalUnit;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitorConfigInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void fromSdk_appliesDefaults_whenOnlyScheduleGiven() {
    FieldErrors errors = new FieldErrors();
    MonitorConfig config = MonitorConfigJson.fromSdk(json("{'schedule':{'type':'crontab','value':'0 * * * *'}}")).applyTo(null, errors);

    assertThat(errors.isEmpty()).isTrue();
    assertThat(config.schedule()).isEqualTo(new CrontabSchedule("0 * * * *"));
    assertThat(config.timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.checkinMargin()).isEqualTo(1);
    assertThat(config.maxRuntime()).isEqualTo(30);
    assertThat(config.failureIssueThreshold()).isEqualTo(1);
    assertThat(config.recoveryThreshold()).isEqualTo(1);
  }

  @Test
  void fromSdk_readsEveryKey_ofTheJavaSdkPayload() {
    FieldErrors errors = new FieldErrors();
    MonitorConfig config = MonitorConfigJson.fromSdk(json("{'schedule':{'type':'crontab','value':'0 2 * * *'},'checkin_margin':5,"
        + "'max_runtime':30,'timezone':'America/New_York','failure_issue_threshold':2,'recovery_threshold':3}")).applyTo(null, errors);

    assertThat(errors.asMap()).isEmpty();
    assertThat(config).isEqualTo(new MonitorConfig(new CrontabSchedule("0 2 * * *"), ZoneId.of("America/New_York"), 5, 30, 2, 3));
  }

  @Test
  void fromSdk_readsIntervalSchedule() {
    FieldErrors errors = new FieldErrors();
    MonitorConfig config = MonitorConfigJson.fromSdk(json("{'schedule':{'type':'interval','value':2,'unit':'hour'}}")).applyTo(null, errors);

    assertThat(config.schedule()).isEqualTo(new IntervalSchedule(2, IntervalUnit.HOUR));
  }

  @Test
  void fromApi_readsBothScheduleForms() {
    FieldErrors errors = new FieldErrors();
    MonitorConfig cron = MonitorConfigJson.fromApi(json("{'schedule_type':'crontab','schedule':'@daily'}")).applyTo(null, errors);
    MonitorConfig interval = MonitorConfigJson.fromApi(json("{'schedule_type':'interval','schedule':[10,'minute']}")).applyTo(null, errors);

    assertThat(errors.isEmpty()).isTrue();
    assertThat(cron.schedule()).isEqualTo(new CrontabSchedule("@daily"));
    assertThat(interval.schedule()).isEqualTo(new IntervalSchedule(10, IntervalUnit.MINUTE));
  }

  @Test
  void applyTo_mergesOnlyTheKeysGiven_overAnExistingConfig() {
    MonitorConfig base = new MonitorConfig(new CrontabSchedule("0 2 * * *"), ZoneId.of("Europe/Berlin"), 5, 60, 2, 3);
    FieldErrors errors = new FieldErrors();

    MonitorConfig merged = MonitorConfigJson.fromSdk(json("{'max_runtime':10}")).applyTo(base, errors);

    assertThat(merged).isEqualTo(new MonitorConfig(new CrontabSchedule("0 2 * * *"), ZoneId.of("Europe/Berlin"), 5, 10, 2, 3));
  }

  @Test
  void checkinMarginZero_meansTheDefault_asInSentry() {
    FieldErrors errors = new FieldErrors();
    MonitorConfig config = MonitorConfigJson.fromSdk(json("{'schedule':{'type':'crontab','value':'0 * * * *'},'checkin_margin':0}")).applyTo(null, errors);

    assertThat(config.checkinMargin()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'schedule':{'type':'crontab','value':'0 0 * * * *'}}|schedule|Only 5 field crontab syntax is supported",
      "{'schedule':{'type':'crontab','value':'nonsense'}}|schedule|Schedule is invalid",
      "{'schedule':{'type':'crontab','value':'@reboot'}}|schedule|Schedule was not parseable",
      "{'schedule':{'type':'interval','value':0,'unit':'hour'}}|schedule|Interval must be greater than zero",
      "{'schedule':{'type':'weekly'}}|schedule_type|Missing or invalid schedule type",
      "{}|schedule|Missing or invalid schedule type",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'timezone':'Mars/Olympus'}|timezone|\"Mars/Olympus\" is not a valid choice.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'timezone':'+02:00'}|timezone|\"+02:00\" is not a valid choice.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'checkin_margin':40321}|checkin_margin|Ensure this value is less than or equal to 40320.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'max_runtime':0}|max_runtime|Ensure this value is greater than or equal to 1.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'failure_issue_threshold':721}|failure_issue_threshold|Ensure this value is less than or equal to 720.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'recovery_threshold':1.5}|recovery_threshold|A valid integer is required.",
      "{'schedule':{'type':'crontab','value':'0 * * * *'},'max_runtime':'ten'}|max_runtime|A valid integer is required.",
  })
  void invalidConfig_isRefused_withTheFieldAndSentrysMessage(String body, String field, String message) {
    FieldErrors errors = new FieldErrors();

    MonitorConfig config = MonitorConfigJson.fromSdk(json(body)).applyTo(null, errors);

    assertThat(config).isNull();
    assertThat(errors.asMap()).containsKey(field);
    assertThat(errors.asMap().get(field)).contains(message);
  }
}
