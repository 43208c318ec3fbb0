using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hnv.Client.Access;

/// <summary>
/// A private certificate authority for https:// controllers (`--ca-file`, an agent's controller.caFile): the
/// controller's certificate must chain to one of its certificates and name the address called. The system's own
/// roots are not consulted then, so a certificate from any public CA is refused.
/// </summary>
public sealed class CertificateAuthority
{
    private readonly X509Certificate2Collection _roots;

    private CertificateAuthority(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Reads a PEM file of one or more CA certificates.</summary>
    /// <exception cref="InvalidDataException">The file cannot be read or holds no certificate; the message says which.</exception>
    public static CertificateAuthority Load(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidDataException($"The CA file {path} cannot be read: {e.Message}", e);
        }

        return roots.Count > 0 ? new CertificateAuthority(roots) : throw new InvalidDataException($"The CA file {path} holds no PEM certificate.");
    }

    /// <summary>Makes <paramref name="handler"/> trust this authority only.</summary>
    public void TrustOnlyThis(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, sent, errors) => Accepts(certificate, sent, errors);
    }

    private bool Accepts(X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        // The name must match and a certificate must be there; the chain is ours to judge.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1")); // a server's certificate, as the default check asks
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate); // intermediates the controller presented
            }
        }

        var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }
}
