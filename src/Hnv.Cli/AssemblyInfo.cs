using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Hnv.Cli.Tests")]
