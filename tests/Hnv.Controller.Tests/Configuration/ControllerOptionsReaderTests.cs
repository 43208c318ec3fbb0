using Hnv.Controller.Configuration;

namespace Hnv.Controller.Tests.Configuration;

/// <summary>The controller's command line: what each option sets, and each wrong value named with its option.</summary>
[Trait("tier", "pure")]
public sealed class ControllerOptionsReaderTests
{
    [Fact]
    public void Read_Seconds_SetTheHeartbeatAndTheGatewayTimeout()
    {
        var options = ControllerOptionsReader.Read(["--heartbeat-seconds", "0.2", "--gateway-timeout-seconds", "1.5"], _ => null, out var problems);

        Assert.Empty(problems);
        Assert.Equal((TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1.5)), (options.Heartbeat, options.GatewayTimeout));
        Assert.Equal(TimeSpan.FromSeconds(2), ControllerOptionsReader.Read([], _ => null, out _).GatewayTimeout); // the default
    }

    [Theory]
    [InlineData("--gateway-timeout-seconds", "0.1")] // below half a second: every scheduling hiccup would fail a gateway over
    [InlineData("--gateway-timeout-seconds", "3601")]
    [InlineData("--gateway-timeout-seconds", "soon")]
    [InlineData("--heartbeat-seconds", "0.01")]
    [InlineData("--heartbeat-seconds", "-5")]
    public void Read_SecondsOutOfRange_IsNamedWithTheRange(string option, string value)
    {
        ControllerOptionsReader.Read([option, value], _ => null, out var problems);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"{option} {value}: expected a number of seconds from ", problem, StringComparison.Ordinal);
        Assert.EndsWith(" to 3600.", problem, StringComparison.Ordinal);
    }
}
