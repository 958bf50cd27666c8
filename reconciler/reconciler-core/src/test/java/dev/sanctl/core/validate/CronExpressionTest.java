package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 22 * * *",
        "15 */12 * * *",
        "*/2 * * * *",
        "0 7 * * 1-5",
        "0,30 8-18/2 1,15 jan-jun mon",
        "5 4 * * SUN",
        "0 0 31 DEC 7",
        "  1   2 3 4 5 "
      })
  void accepts(String expression) {
    assertNull(CronExpression.problem(expression));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 22 * *|has 4 fields; a schedule has five: minute hour day-of-month month day-of-week",
        "60 22 * * *|minute field '60': '60' is not a number from 0 to 59",
        "0 24 * * *|hour field '24': '24' is not a number from 0 to 23",
        "0 0 0 * *|day-of-month field '0': '0' is not a number from 1 to 31",
        "0 0 * 13 *|month field '13': '13' is not a name or a number from 1 to 12",
        "0 0 * * 8|day-of-week field '8': '8' is not a name or a number from 0 to 7",
        "*/0 * * * *|minute field '*/0': step '0' must be a number from 1 to 59",
        "5-1 * * * *|minute field '5-1': range '5-1' runs backwards",
        "1,,2 * * * *|minute field '1,,2': an empty list entry",
        "0 0 * * funday|day-of-week field 'funday': 'funday' is not a name or a number from 0 to 7",
        "@daily|'@daily' is a shorthand; write the five fields (e.g. '0 0 * * *' for @daily)",
        "/5 * * * *|minute field '/5': a step needs '*' or a range before '/'"
      })
  void rejectsWithAReason(String expression, String reason) {
    assertEquals(reason, CronExpression.problem(expression));
  }
}
