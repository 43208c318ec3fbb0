namespace Hnv.Wire.Tests.Support;

/// <summary>Hex text as written in RFCs and captures ("45 00 00 3c", line breaks allowed) to bytes.</summary>
internal static class Hex
{
    public static byte[] Bytes(string text)
    {
        var compact = new string(text.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(compact);
    }
}
