package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.api.seal.SealVerification;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.request.DeclineReason;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.Role;

/**
 * Every word the pages show is in both bundles: the same keys in Chinese and English, every key a
 * template names, and a word for every value of the enums the templates name keys after.
 */
class MessageBundlesTest {

  private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[}(]");

  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  @Test
  void chineseAndEnglishHaveTheSameKeys() throws IOException {
    assertThat(new TreeSet<>(bundle("messages_en.properties").stringPropertyNames()))
        .isEqualTo(new TreeSet<>(bundle("messages.properties").stringPropertyNames()));
  }

  @Test
  void theDefaultBundleIsChinese() throws IOException {
    assertThat(bundle("messages.properties").getProperty("login.title")).isEqualTo("登录");
    assertThat(bundle("messages_en.properties").getProperty("login.title")).isEqualTo("Sign in");
  }

  @Test
  void everyKeyATemplateNamesExists() throws IOException {
    Set<String> keys = bundle("messages.properties").stringPropertyNames();
    Set<String> named = new TreeSet<>();
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
        Matcher key = KEY.matcher(Files.readString(template));
        while (key.find()) {
          named.add(key.group(1));
        }
      }
    }
    assertThat(named).hasSizeGreaterThan(100);
    assertThat(keys).containsAll(named);
  }

  @Test
  void everyValueTheTemplatesNameKeysAfterHasWords() throws IOException {
    Set<String> keys = bundle("messages.properties").stringPropertyNames();
    List<String> needed =
        Stream.of(
                prefixed("status.", RequestStatus.values()),
                prefixed("role.", Role.values()),
                prefixed("decline.", DeclineReason.values()),
                prefixed("outcome.", ReplyOutcome.values()),
                prefixed("verdict.", SealVerification.Verdict.values()),
                prefixed("serviceLevel.", ServiceLevel.Unit.values()),
                List.of("board.empty.waiting", "board.empty.inbox"),
                List.of("done.raised", "done.accept", "done.clarification", "done.answer"),
                List.of("done.reply", "done.decline", "done.forward", "done.withdraw"),
                List.of("done.acknowledge"))
            .flatMap(List::stream)
            .toList();
    assertThat(keys).containsAll(needed);
  }

  private static List<String> prefixed(String prefix, Enum<?>[] values) {
    return Arrays.stream(values).map(v -> prefix + v.name()).toList();
  }
}
