using System.Security.Cryptography.X509Certificates;

namespace Hnv.Controller.Hosting;

/// <summary>The TLS certificate from PEM files (a certificate and its private key).</summary>
internal static class Certificates
{
    public static X509Certificate2 Load(string certificate, string key)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        // Kestrel needs the key in a form the platform's TLS can use; a round trip through PKCS#12 gives that.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
