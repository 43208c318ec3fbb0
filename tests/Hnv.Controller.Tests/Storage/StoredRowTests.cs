using Hnv.Controller.Model;
using Hnv.Controller.Storage;

namespace Hnv.Controller.Tests.Storage;

/// <summary>Rows stored before a rule for new input existed still load: the controller judges what it accepts, not what it kept.</summary>
[Trait("tier", "pure")]
public sealed class StoredRowTests
{
    [Fact]
    public void Deserialize_HostDescriptionThatInputNowRefuses_StillLoads()
    {
        var host = Assert.IsType<HostEntry>(ResourceCodec.Deserialize(ResourceKind.Host, "h1", """{"name": "h1", "description": "rack 3\nrow 2"}"""));

        Assert.Equal("rack 3\nrow 2", host.Description);
    }

    [Fact]
    public void Deserialize_RowThatDoesNotRead_SaysWhichRow()
    {
        var e = Assert.Throws<InvalidDataException>(() => ResourceCodec.Deserialize(ResourceKind.Host, "h1", """{"name": "bad name"}"""));

        Assert.Contains("Host h1", e.Message, StringComparison.Ordinal);
    }
}
