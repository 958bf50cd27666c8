package dev.sanctl.snaprotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every public case of snaprotate-cases.json, through the planner and through the listing. */
class PublicCasesTest {

  @TestFactory
  Stream<DynamicTest> plannerMatchesEveryPublicCase() throws Exception {
    return PublicCase.load().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id(), () -> check(c, SnapRotatePlanner.plan(c.request()))));
  }

  @TestFactory
  Stream<DynamicTest> listingRoundTripGivesTheSamePlan() throws Exception {
    return PublicCase.load().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id(),
                    () -> {
                      ListingParser.Listing l = ListingParser.parse(c.listing(), null);
                      assertEquals(PublicCase.VOLUME, l.volume());
                      check(
                          c,
                          SnapRotatePlanner.plan(
                              new PlanRequest(
                                  l.volume(),
                                  c.schedule(),
                                  c.now(),
                                  c.protectedNames(),
                                  l.snapshots(),
                                  false)));
                    }));
  }

  static void check(PublicCase c, RotationPlan plan) {
    Set<String> deleted = new HashSet<>(plan.deleteNames());
    Set<String> retained =
        plan.rows().stream()
            .filter(r -> r.action() != RowAction.DELETE)
            .map(PlanRow::name)
            .collect(Collectors.toSet());
    assertEquals(c.expectDelete(), deleted, c.id() + " DELETE set: " + c.why());
    assertEquals(c.expectRetain(), retained, c.id() + " retained set: " + c.why());
    List<String> order = plan.deleteNames();
    assertTrue(
        order.equals(plan.deletions().stream().map(PlanRow::name).toList()),
        "deletions in plan order");
  }
}
