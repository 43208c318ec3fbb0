using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hnv.Agent.Tests.Support;

/// <summary>
/// A controller that answers an agent's watch requests from a script, one entry per request (the last repeats), on a
/// real Kestrel on 127.0.0.1: for what a real controller never sends (a broken event, a 401 at will) and to see
/// exactly when and from which revision the agent asks.
/// </summary>
internal sealed class ScriptedController : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<HttpContext, Task>[] _script;
    private readonly List<(long From, DateTime At)> _watches = [];
    private readonly List<long> _reports = [];

    private ScriptedController(Func<HttpContext, Task>[] script, X509Certificate2? certificate)
    {
        _script = script;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        _app = builder.Build();
        _app.MapGet("/api/v1/hosts/{name}/watch", (HttpContext http) =>
        {
            int index;
            lock (_watches)
            {
                _watches.Add((long.Parse(http.Request.Query["fromRevision"].ToString(), CultureInfo.InvariantCulture), DateTime.UtcNow));
                index = Math.Min(_watches.Count, _script.Length) - 1;
            }

            return _script[index](http);
        });
        _app.MapPost("/api/v1/hosts/{name}/status", async (HttpContext http) =>
        {
            var report = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
            lock (_reports)
            {
                _reports.Add(report.RootElement.GetProperty("revision").GetInt64());
            }

            return Results.Json(new { name = "h1", revisionApplied = report.RootElement.GetProperty("revision").GetInt64() });
        });
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The watch requests so far: the revision each asked from, and when.</summary>
    public IReadOnlyList<(long From, DateTime At)> Watches
    {
        get
        {
            lock (_watches)
            {
                return [.. _watches];
            }
        }
    }

    public static Task<ScriptedController> StartAsync(params Func<HttpContext, Task>[] script) => StartAsync(null, script);

    /// <summary>Starts it over https with <paramref name="certificate"/> when one is given.</summary>
    public static async Task<ScriptedController> StartAsync(X509Certificate2? certificate, params Func<HttpContext, Task>[] script)
    {
        var controller = new ScriptedController(script, certificate);
        await controller._app.StartAsync();
        controller.Address = new Uri(controller._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return controller;
    }

    /// <summary>Answers with <paramref name="status"/> and a problem body.</summary>
    public static Func<HttpContext, Task> Status(int status) =>
        http => Results.Problem(statusCode: status, title: $"scripted {status}").ExecuteAsync(http);

    /// <summary>Sends <paramref name="lines"/> as NDJSON, then ends the stream (or holds it open with heartbeats).</summary>
    public static Func<HttpContext, Task> Lines(bool holdOpen, params string[] lines) => async http =>
    {
        http.Response.ContentType = "application/x-ndjson";
        foreach (var line in lines)
        {
            await http.Response.WriteAsync(line + "\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }

        while (holdOpen && !http.RequestAborted.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(200, http.RequestAborted);
                await http.Response.WriteAsync("""{"kind":"heartbeat","revision":0}""" + "\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                return;
            }
        }
    };

    /// <summary>Waits until <paramref name="count"/> watch requests came, or fails after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<(long From, DateTime At)>> WaitForWatchesAsync(int count, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Watches.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Watches.Count} watch requests in {seconds} s, expected {count}");
            await Task.Delay(20);
        }

        return Watches;
    }

    /// <summary>Waits for a status report of <paramref name="revision"/>; returns it.</summary>
    public async Task<long> WaitForReportAsync(long revision, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            lock (_reports)
            {
                if (_reports.Contains(revision))
                {
                    return revision;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no report of revision {revision} in {seconds} s");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
