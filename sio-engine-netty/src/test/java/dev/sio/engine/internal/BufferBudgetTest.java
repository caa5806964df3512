package dev.sio.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio.engine.EngineHandler;
import dev.sio.engine.EngineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The arithmetic of {@code maxTotalBufferedBytes}: shares in steps, the fair share. */
@Timeout(10)
class BufferBudgetTest {
  private static final long STEP = BufferBudget.STEP;

  @Test
  void anEndpointBudgetsWithItsBindingsDefault() {
    EngineHandler handler = new EngineHandler() {};
    assertThat(new EngineEndpoint(EngineOptions.defaults(), handler, 96L << 20).budget().limit())
        .isEqualTo(96L << 20);
    assertThat(
            new EngineEndpoint(
                    EngineOptions.builder().maxTotalBufferedBytes(3 << 20).build(),
                    handler,
                    96L << 20)
                .budget()
                .limit())
        .isEqualTo(3 << 20);
    assertThat(new EngineEndpoint(EngineOptions.defaults(), handler).budget().limit())
        .as("without a binding's default: the one found on the class path (Netty's here)")
        .isEqualTo(
            Math.max(8L << 20, io.netty.util.internal.PlatformDependent.maxDirectMemory() / 2))
        .isEqualTo(EngineOptions.defaults().maxTotalBufferedBytes());
  }

  @Test
  void sharesBelowAStepCountAsZeroAndMoveOnlyByWholeSteps() {
    assertThat(BufferBudget.share(0, STEP - 1)).as("a reading client").isZero();
    assertThat(BufferBudget.share(0, STEP)).isEqualTo(STEP);
    assertThat(BufferBudget.share(STEP, 2 * STEP - 1))
        .as("less than a step: unchanged")
        .isEqualTo(STEP);
    assertThat(BufferBudget.share(STEP, 2 * STEP)).isEqualTo(2 * STEP);
    assertThat(BufferBudget.share(3 * STEP, 2 * STEP + 1)).isEqualTo(3 * STEP);
    assertThat(BufferBudget.share(3 * STEP, 10)).as("drained").isZero();
  }

  @Test
  void overTheBudgetOnlyHoldersOfAtLeastTheFairShareMustGo() {
    BufferBudget budget = new BufferBudget(30 * STEP);
    budget.move(0, 12 * STEP);
    budget.move(0, 10 * STEP);
    budget.move(0, 5 * STEP);
    assertThat(budget.total()).isEqualTo(27 * STEP);
    assertThat(budget.mustShed(12 * STEP)).as("within the budget").isFalse();

    budget.move(5 * STEP, 9 * STEP); // total 31 steps over 30: fair share 10 steps
    assertThat(budget.mustShed(12 * STEP)).isTrue();
    assertThat(budget.mustShed(10 * STEP)).isTrue();
    assertThat(budget.mustShed(9 * STEP)).as("under the fair share").isFalse();
    assertThat(budget.mustShed(0)).as("a session that holds nothing").isFalse();

    budget.move(12 * STEP, 0); // the largest closed: 19 steps, two holders
    assertThat(budget.total()).isEqualTo(19 * STEP);
    assertThat(budget.mustShed(10 * STEP)).isFalse();
    budget.move(10 * STEP, 0);
    budget.move(9 * STEP, 0);
    assertThat(budget.total()).isZero();
  }
}
