namespace Hnv.Cli.Decode;

/// <summary>Writes decoded packets in one output format, as they are decoded.</summary>
internal interface IDecodeWriter
{
    /// <summary>Writes (or collects) one packet.</summary>
    void Write(DecodedPacket packet);

    /// <summary>Finishes the output after the last packet.</summary>
    void Complete();
}
