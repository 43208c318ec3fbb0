using Microsoft.Playwright;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// The controller's topology page in a real browser (Debian's chromium, driven by Playwright) on a running lab
/// (issue 15): it shows the lab's hosts, PAs and NICs by routing domain, draws a computed trace overlay and underlay
/// side by side, and asks for a token it was not given. A screenshot is kept as the test's artifact.
/// </summary>
[Collection(GatewayLab.Name)]
[Trait("tier", "end-to-end")]
public sealed class TopologyPageTests(GatewayLabFixture lab) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // As root, chromium runs only without its sandbox; the page is the lab's own.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task ThePage_ShowsTheLabsNics_AndDrawsATrace()
    {
        var (exit, output, error) = LabFixture.Hnv("lab", "page", lab.Name);
        Assert.True(exit == 0, error);
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        await page.GotoAsync(output.Trim());

        await page.Locator(".nic[data-nic=\"b1\"]").WaitForAsync(new() { Timeout = 15_000 });
        Assert.DoesNotContain("#token=", page.Url, StringComparison.Ordinal); // moved out of the address bar
        foreach (var vm in lab.State.Topology.Vms)
        {
            Assert.Equal(1, await page.Locator($".nic[data-nic=\"{vm.Name}\"]").CountAsync());
        }

        foreach (var host in new[] { "host1", "host2", "gw1" })
        {
            Assert.Equal(1, await page.Locator($".host[data-host=\"{host}\"]").CountAsync());
        }

        Assert.Contains("192.0.2.", await page.Locator(".host[data-host=\"host1\"] .meta").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator(".host[data-host=\"gw1\"] .outside").CountAsync());
        Assert.Equal(1, await page.Locator(".host[data-host=\"host2\"] .nic[data-nic=\"b2\"]").CountAsync()); // b2 runs on host2
        Assert.Equal(["blue", "green", "red"], await page.Locator("#domains .domain").EvaluateAllAsync<string[]>("all => all.map(d => d.dataset.domain)"));

        await page.SelectOptionAsync("#trace-from", "b1");
        await page.FillAsync("#trace-to", "10.0.0.11");
        await page.ClickAsync("#trace-run");
        var verdict = page.Locator("#verdict.delivered");
        await verdict.WaitForAsync(new() { Timeout = 10_000 });
        Assert.StartsWith("delivered to b2 on host2", await verdict.InnerTextAsync(), StringComparison.Ordinal);
        var underlay = await page.Locator("#underlay").InnerTextAsync();
        Assert.Contains("GRE key 0x001389", underlay, StringComparison.Ordinal);
        Assert.Contains("host1 192.0.2.", underlay, StringComparison.Ordinal);
        Assert.True(await page.Locator("#overlay li[data-stage=\"Encapsulate\"]").CountAsync() == 1);
        Assert.True(await page.Locator("#overlay li[data-stage=\"Decapsulate\"]").CountAsync() == 1);
        Assert.Equal(1, await page.Locator("#path line[data-path=\"b1->b2\"]").CountAsync());
        Assert.Equal(2, await page.Locator(".host.on-path").CountAsync());

        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        var shot = Path.Combine(artifacts, "topology.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, $"the screenshot {shot} is nearly empty");

        // A live probe on request: the agents' own account beside the computed one.
        await page.CheckAsync("#trace-live");
        await page.ClickAsync("#trace-run");
        await page.Locator("#live-verdict.agrees").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(1, await page.Locator("#live-hops li[data-live-host=\"host2\"]").CountAsync());
        await page.UncheckAsync("#trace-live");

        // Out through the gateway: red's r1 to the web server outside.
        await page.SelectOptionAsync("#trace-from", "r1");
        await page.FillAsync("#trace-to", "203.0.113.80");
        await page.SelectOptionAsync("#trace-proto", "tcp");
        await page.ClickAsync("#trace-run");
        await page.Locator("#verdict.outside").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("through gateway gw1", await page.Locator("#verdict").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(problems.Count == 0, string.Join('\n', problems)); // no script error, nothing the page's policy refused
    }

    [Fact]
    public async Task WithoutAToken_ThePageAsksForOne_AndAWrongOneIsRefused()
    {
        var (_, output, _) = LabFixture.Hnv("lab", "page", lab.Name);
        var page = await _browser.NewPageAsync();

        await page.GotoAsync(output.Trim().Split('#')[0]);

        await page.Locator("#login").WaitForAsync();
        Assert.Equal(0, await page.Locator(".nic").CountAsync());
        await page.FillAsync("#token", "not-a-token");
        await page.ClickAsync("#login button");
        await page.Locator("#error:has-text(\"may not read\")").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await page.Locator(".nic").CountAsync());
    }
}
