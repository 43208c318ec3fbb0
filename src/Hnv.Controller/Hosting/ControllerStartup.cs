using Hnv.Client.Access;
using Hnv.Controller.Access;
using Hnv.Controller.Configuration;
using Hnv.Controller.Logging;
using Hnv.Controller.State;
using Hnv.Controller.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Hosting;

/// <summary>
/// Before Kestrel accepts a request: migrate and load the store, and on the first start (no token at all) create the
/// bootstrap write token and write its secret to --bootstrap-token-file (0600, written whole before it appears).
/// On stop: log the revision; the store closes with the service provider.
/// </summary>
internal sealed class ControllerStartup(
    PolicyEngine engine, ControllerStore store, ControllerOptions options, TimeProvider time, ILogger<ControllerStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var migrations = await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        ControllerLog.Starting(logger, options.Replica, store.Kind, store.Location, engine.Current.Revision, migrations);
        if (options.BootstrapTokenFile is { } file)
        {
            await BootstrapAsync(file, cancellationToken).ConfigureAwait(false);
        }

        foreach (var address in options.Listen)
        {
            ControllerLog.Listening(logger, address.Text);
        }
    }

    private async Task BootstrapAsync(string file, CancellationToken ct)
    {
        var secret = TokenSecrets.NewSecret();
        var token = new StoredToken("bootstrap", TokenRoles.Write, null, TokenSecrets.Hash(secret), time.GetUtcNow());
        if (!await store.AddFirstTokenAsync(token, ct).ConfigureAwait(false))
        {
            return;
        }

        var full = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var stream = new FileStream(temporary, fileOptions))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(secret).ConfigureAwait(false);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, full, overwrite: true);
        ControllerLog.BootstrapTokenWritten(logger, full);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        ControllerLog.Stopped(logger, engine.Current.Revision);
        return Task.CompletedTask;
    }
}
