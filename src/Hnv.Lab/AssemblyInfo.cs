using System.Runtime.CompilerServices;

// The lab is tested through `hnv lab` (tests/Hnv.Cli.Tests/Lab) and on real labs (tests/Hnv.EndToEnd.Tests).
[assembly: InternalsVisibleTo("Hnv.Cli.Tests")]
[assembly: InternalsVisibleTo("Hnv.EndToEnd.Tests")]
