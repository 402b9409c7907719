using Microsoft.Playwright;
using Verdict.Server;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>
/// The analyst console in Debian's Chromium (driven by Playwright through ExecutablePath; nothing is downloaded): the queue,
/// a case, confirming and correcting verdicts, the accuracy view, and alert content shown as text, never run as HTML.
/// </summary>
public sealed class ConsoleBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Xss = """{"id":"XSS-1","@timestamp":"2026-11-02T10:00:00Z","rule_name":"<img src=x onerror=\"window.__xss=1\">","user":"eve","message":"<script>window.__xss=2</script><img src=x onerror=\"window.__xss=3\">"}""";

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(Chromium)) Assert.Skip($"{Chromium} is not installed (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    [Fact]
    public async Task An_analyst_marks_an_escalated_case_false_positive_confirms_another_and_sees_the_accuracy_change()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s = await RunningServer.StartAsync("sqlite", new ServerOptions { Workers = 1 }, acme: true);
        await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, await File.ReadAllTextAsync(RunningServer.Acme("alerts.csv"), ct), "text/csv");
        await s.DrainAsync();
        var escalated = (await s.Store.Store.ListCasesAsync(new(Decision: "escalate"), ct))[0];
        var other = (await s.Store.Store.ListCasesAsync(new(Decision: "auto_close"), ct))[0];
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(s.Address + "console/");
            await page.FillAsync("#api-key", s.AnalystKey);
            await page.ClickAsync("#connect");
            var row = page.Locator($"#queue button[data-case-id='{escalated.Id}']");
            await row.WaitForAsync();
            Assert.Contains("sev-" + escalated.Severity, await row.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Equal("no feedback yet", await page.TextContentAsync("#accuracy-overall"));
            var chart = page.Locator("#accuracy-chart svg[role='img']");
            await Assertions.Expect(chart).ToHaveAttributeAsync("data-judged", "0");
            Assert.Equal("Accuracy by day", await chart.Locator("title").First.TextContentAsync());
            Assert.Equal("No feedback yet.", await chart.Locator("desc").TextContentAsync());
            Assert.Equal(0, await chart.Locator(".day-bar").CountAsync());

            await row.ClickAsync();
            await Assertions.Expect(page.Locator("#case-title")).ToHaveTextAsync(escalated.Title);
            Assert.True(await page.Locator("#alerts .alert").CountAsync() >= 1);
            await page.ClickAsync("#false-positive");
            await Assertions.Expect(page.Locator("#accuracy-overall")).ToHaveTextAsync("0% (0 of 1)");
            await Assertions.Expect(chart).ToHaveAttributeAsync("data-judged", "1"); // the chart is drawn again from the new feedback
            var bar = chart.Locator(".day-bar");
            await Assertions.Expect(bar).ToHaveCountAsync(1);
            var today = await bar.GetAttributeAsync("data-day") ?? "";
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", today);
            await Assertions.Expect(bar).ToHaveAttributeAsync("data-accuracy", "0");
            Assert.Equal($"{today}: 0% of 1 verdict(s) confirmed", await bar.GetAttributeAsync("aria-label"));
            Assert.Equal("0", await bar.GetAttributeAsync("tabindex")); // each day can be reached with Tab
            Assert.Contains($"{today}: 0% of 1", await chart.Locator("desc").TextContentAsync() ?? "", StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#accuracy-days tr").Nth(1)).ToContainTextAsync(today);
            if (Environment.GetEnvironmentVariable("VERDICT_SCREENSHOTS") is { Length: > 0 } shots) // to look at the console by hand
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "console.png"), FullPage = true });
            var stored = Assert.Single(await s.Store.Store.JudgedFeedbackAsync(ct));
            Assert.Equal((escalated.Id, false, "BENIGN", "analyst-test"), (stored.Feedback.CaseId, stored.Feedback.Correct, stored.Feedback.Classification, stored.Feedback.Analyst));

            await page.Locator($"#queue button[data-case-id='{other.Id}']").ClickAsync();
            await Assertions.Expect(page.Locator("#case-title")).ToHaveTextAsync(other.Title);
            await page.Keyboard.PressAsync("c"); // the keyboard shortcut for Confirm
            await Assertions.Expect(page.Locator("#accuracy-overall")).ToHaveTextAsync("50% (1 of 2)");
            await Assertions.Expect(chart.Locator($".day-bar[data-day='{today}']")).ToHaveAttributeAsync("data-accuracy", "50");
            Assert.Equal("2", await chart.GetAttributeAsync("data-judged"));
            Assert.Contains(await s.Store.Store.JudgedFeedbackAsync(ct), f => f.Feedback.CaseId == other.Id && f.Feedback.Correct);
        }
    }

    [Fact]
    public async Task Alert_content_with_script_and_img_tags_is_shown_as_text()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var s = await RunningServer.StartAsync("sqlite", new ServerOptions { Workers = 1 });
        await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, Xss);
        await s.DrainAsync();
        var xssCase = Assert.Single(await s.Store.Store.ListCasesAsync(new(), ct));
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(s.Address + "console/");
            await page.FillAsync("#api-key", s.ReaderKey);
            await page.ClickAsync("#connect");
            var row = page.Locator($"#queue button[data-case-id='{xssCase.Id}']");
            await row.WaitForAsync();
            await row.ClickAsync();
            await Assertions.Expect(page.Locator("#case-title")).ToContainTextAsync("<img src=x onerror=");
            Assert.Contains("<script>window.__xss=2</script>", await page.TextContentAsync("#alerts") ?? "", StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }
    }
}
