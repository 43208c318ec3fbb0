using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Hnv.Cli.Tests")]
[assembly: InternalsVisibleTo("Hnv.EndToEnd.Tests")]
