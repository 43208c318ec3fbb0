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
/// bootstrap write token and write its secret to --bootstrap-token-file (0600, written whole before it appears, and
/// before the token is stored: a file that cannot be written stops the start with nothing stored).
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
        StagedSecretFile written;
        try
        {
            written = await StagedSecretFile.WriteAsync(file, secret, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ControllerStartException($"the bootstrap token file {file} cannot be written ({e.Message}); nothing was stored. Choose a writable --bootstrap-token-file.", e);
        }

        if (!await store.AddFirstTokenAsync(token, ct).ConfigureAwait(false))
        {
            written.Discard(); // a token exists already: this start creates none
            return;
        }

        written.Publish();
        ControllerLog.BootstrapTokenWritten(logger, written.Path);
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
