using System.Security.Cryptography;
using System.Text;

namespace Hnv.Controller.Access;

/// <summary>
/// Token secrets: 32 random bytes (256 bits) from the OS's CSPRNG, as base64url with a "hnv_" prefix so a leaked
/// one is recognisable. The store keeps SHA-256 of the secret. A slow password hash (bcrypt, Argon2) protects
/// low-entropy passwords from guessing; a 256-bit random secret cannot be guessed, so one fast hash is enough and
/// lets every request be checked by a single indexed lookup.
/// </summary>
internal static class TokenSecrets
{
    public const string Prefix = "hnv_";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
