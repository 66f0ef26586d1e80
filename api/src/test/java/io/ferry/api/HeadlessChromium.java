package io.ferry.api;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven through its chromedriver (packages {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them). Missing tools skip the browser tests locally and fail them when {@code CI=true}.
 */
final class HeadlessChromium {
  static final Path SCREENSHOTS = Path.of("target", "connect-screenshots");
  private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private HeadlessChromium() {
  }

  static boolean ci() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (locally) or fails (CI) with the reason. */
  static void require(boolean present, String reason) {
    if (!present && ci()) {
      throw new IllegalStateException(reason + " (CI=true: the browser tests must run; .ci/run installs what they need)");
    }
    Assumptions.assumeTrue(present, reason);
  }

  static ChromeDriver start() throws IOException {
    String binary = BINARIES.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    String driver = DRIVERS.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    require(binary != null && driver != null, "headless Chromium is not installed (apt-get install chromium chromium-driver)");
    Path profile = Files.createTempDirectory("ferry-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(binary).addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1000,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return chrome;
  }

  static void screenshot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command with a deadline; its exit code, or -1 when it could not start. */
  static int run(Path dir, long timeoutSeconds, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("npm.log").toFile())).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Truto's browser SDK from the npm registry (npm pack, never committed), unpacked under target/. */
  static Path trutoLinkSdk() throws IOException {
    Path dir = Path.of("target", "truto-link-sdk").toAbsolutePath();
    Path main = dir.resolve("package/dist/main.js");
    if (Files.exists(main)) {
      return main;
    }
    Files.createDirectories(dir);
    boolean npm = run(dir, 30, "npm", "--version") == 0;
    require(npm, "npm is not installed: cannot fetch @truto/truto-link-sdk");
    int packed = run(dir, 180, "npm", "pack", "@truto/truto-link-sdk@" + TRUTO_LINK_SDK_VERSION, "--silent");
    require(packed == 0, "npm pack @truto/truto-link-sdk failed (see " + dir.resolve("npm.log") + ")");
    int untar = run(dir, 60, "tar", "xzf", "truto-truto-link-sdk-" + TRUTO_LINK_SDK_VERSION + ".tgz");
    require(untar == 0 && Files.exists(main), "could not unpack @truto/truto-link-sdk");
    return main;
  }

  static final String TRUTO_LINK_SDK_VERSION = "1.1.30";
}
