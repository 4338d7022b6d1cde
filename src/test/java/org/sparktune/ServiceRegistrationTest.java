package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

/**
 * Every MLlib-readable stage is listed where Spark 4.1 looks for stages through
 * {@link ServiceLoader}: estimators under {@code org.apache.spark.ml.Estimator}, models (there is
 * no Model registry) under {@code org.apache.spark.ml.Transformer}, as spark-mllib lists its own.
 */
class ServiceRegistrationTest {

  /**
   * The name of every provider of {@code service} the context loader finds, listed as Spark
   * Connect lists them: by type, without building one (listing still needs a public no-arg
   * constructor).
   */
  private static Set<String> providers(Class<?> service) {
    return ServiceLoader.load(service, Thread.currentThread().getContextClassLoader()).stream()
        .map(p -> p.type().getName()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theEstimatorsAreRegisteredBesideSparksOwn() {
    Set<String> estimators = providers(Estimator.class);
    assertTrue(estimators.contains(HyperparameterSearch.class.getName()), estimators::toString);
    assertTrue(estimators.contains(ModelChoice.class.getName()), estimators::toString);
    assertTrue(estimators.contains("org.apache.spark.ml.classification.LogisticRegression"),
        "the registry read is the one Spark's estimators are listed in");
  }

  @Test
  void theModelsAreRegisteredAsTransformersBesideSparksOwn() {
    Set<String> transformers = providers(Transformer.class);
    assertTrue(transformers.contains(TunedModel.class.getName()), transformers::toString);
    assertTrue(transformers.contains(ModelChoiceModel.class.getName()), transformers::toString);
    assertTrue(transformers.contains(
        "org.apache.spark.ml.classification.LogisticRegressionModel"),
        "the registry read is the one Spark's models are listed in");
  }

  @Test
  void everyRegisteredStageHasWhatSparkConnectCalls() throws ReflectiveOperationException {
    for (Class<?> estimator : List.of(HyperparameterSearch.class, ModelChoice.class)) {
      estimator.getConstructor(String.class);
      assertEquals(estimator, estimator.getMethod("load", String.class).getReturnType());
    }
    for (Class<?> model : List.of(TunedModel.class, ModelChoiceModel.class)) {
      assertEquals(model, model.getMethod("load", String.class).getReturnType());
    }
  }

  @Test
  void anEmptyTunedModelSaysHowToGetARealOne() {
    TunedModel empty = new TunedModel();
    assertTrue(empty.uid().startsWith("hyperparameterSearch_"), empty.uid());
    assertEquals("TunedModel: uid=" + empty.uid() + ", empty", empty.toString());
    String expected = "this TunedModel is empty: it has no trials because it was built by the"
        + " no-arg constructor, which exists for ServiceLoader; get a real one from"
        + " HyperparameterSearch.fit(data) or TunedModel.load(path).";
    assertEquals(expected,
        assertThrows(IllegalStateException.class, empty::bestParams).getMessage());
    assertEquals(expected,
        assertThrows(IllegalStateException.class, empty::bestModel).getMessage());
  }

  @Test
  void anEmptyModelChoiceModelSaysHowToGetARealOne() {
    ModelChoiceModel empty = new ModelChoiceModel();
    assertTrue(empty.uid().startsWith("modelChoice_"), empty.uid());
    assertEquals(0, empty.nestedStages().size());
    assertEquals("this ModelChoiceModel is empty: it has no fitted model because it was built"
        + " by the no-arg constructor, which exists for ServiceLoader; get a real one from"
        + " ModelChoice.fit(data) or ModelChoiceModel.load(path).",
        assertThrows(IllegalStateException.class, () -> empty.transform(null)).getMessage());
  }
}
