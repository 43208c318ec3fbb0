using Hnv.Cli;

return HnvCli.Run(args, Console.Out, Console.Error);
