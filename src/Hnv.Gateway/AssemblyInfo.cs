using System.Runtime.CompilerServices;

// The tests load rule sets with the same command runner the gateway uses.
[assembly: InternalsVisibleTo("Hnv.Gateway.Tests")]
