namespace Hnv.Client.Tests;

[Trait("tier", "pure")]
public sealed class ControllerAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8470", "http://127.0.0.1:8470/", null)]
    [InlineData("https://ctl.example:443", "https://ctl.example/", null)]
    [InlineData("unix:/run/hnv/controller.sock", "http://localhost/", "/run/hnv/controller.sock")]
    [InlineData("unix:///run/hnv/controller.sock", "http://localhost/", "/run/hnv/controller.sock")]
    public void TryParse_ThreeForms_GiveBaseAddressAndSocket(string text, string baseAddress, string? socket)
    {
        Assert.True(ControllerAddress.TryParse(text, out var address, out var problem), problem);
        Assert.Equal(baseAddress, address!.BaseAddress.ToString());
        Assert.Equal(socket, address.SocketPath);
    }

    [Theory]
    [InlineData(null, "No controller address")]
    [InlineData("", "No controller address")]
    [InlineData("ftp://x", "is not http://HOST:PORT")]
    [InlineData("127.0.0.1:8470", "is not http://HOST:PORT")]
    [InlineData("unix:run/relative.sock", "no absolute socket path")]
    public void TryParse_Malformed_SaysWhatIsExpected(string? text, string expected)
    {
        Assert.False(ControllerAddress.TryParse(text, out var address, out var problem));
        Assert.Null(address);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_UnixAddress_RoundTrips()
    {
        var address = ControllerAddress.Parse("unix:/tmp/c.sock");
        Assert.Equal("unix:/tmp/c.sock", address.ToString());
        Assert.Equal("/tmp/c.sock", ControllerAddress.Parse(address.ToString()).SocketPath);
    }

    [Fact]
    public async Task Client_NothingListening_ThrowsSayingWhereAndWhatToCheck()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"hnv-none-{Guid.NewGuid():N}.sock");
        var client = ControllerAddress.Parse("unix:" + socket).CreateClient("token");

        var error = await Assert.ThrowsAsync<HnvApiException>(() => client.GetStatusAsync());

        Assert.Equal(0, (int)error.Status);
        Assert.Contains("unix:" + socket, error.Message, StringComparison.Ordinal);
        Assert.Contains("HNV_CONTROLLER", error.Message, StringComparison.Ordinal);
    }
}
