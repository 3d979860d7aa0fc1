package io.atlasoperator.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * An extension whose tests' timed-out waits are explained by its {@link WhyNotReady}: in the tests,
 * and in their {@code @BeforeAll} and {@code @BeforeEach} methods.
 */
interface ExplainsTimeouts
    extends TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  WhyNotReady whyNotReady();

  @Override
  default void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw whyNotReady().explain(failure);
  }

  @Override
  default void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw whyNotReady().explain(failure);
  }

  @Override
  default void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw whyNotReady().explain(failure);
  }
}
