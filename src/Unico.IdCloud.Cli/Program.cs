using Unico.IdCloud.Cli;

return await CliApplication.RunAsync(args).ConfigureAwait(false);
