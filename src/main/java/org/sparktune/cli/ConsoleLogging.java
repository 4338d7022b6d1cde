package org.sparktune.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * The job's console logging, set up by the job alone (the library never touches an embedding
 * application's logging): quiet by default, so Spark's INFO lines and scheduler warnings stay
 * off the console and the job's own lines are what a user reads; {@code --verbose} shows
 * everything at INFO, as Spark's own default does. A log4j2 file given with {@code
 * -Dlog4j2.configurationFile} is left in charge.
 */
final class ConsoleLogging {

  private ConsoleLogging() {}

  /** Installs the console configuration, unless the user gave a log4j2 file. */
  static void configure(boolean verbose) {
    if (System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null) {
      return;
    }
    ConfigurationBuilder<BuiltConfiguration> b =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setConfigurationName("sparktune-cli");
    b.add(b.newAppender("console", "Console")
        .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
        .add(b.newLayout("PatternLayout")
            .addAttribute("pattern", "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex")));
    b.add(b.newRootLogger(verbose ? Level.INFO : Level.OFF)
        .add(b.newAppenderRef("console")));
    // Without --verbose the library says nothing but errors: the job prints its own lines.
    b.add(b.newLogger("org.sparktune", verbose ? Level.INFO : Level.ERROR)
        .add(b.newAppenderRef("console")).addAttribute("additivity", false));
    Configurator.reconfigure(b.build());
  }
}
