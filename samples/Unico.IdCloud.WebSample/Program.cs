using Unico.IdCloud.WebSample.Hosting;

// Runs on the embedded IDCloud emulator unless an IDCloud service account is configured (see README.md).
await using var sample = await WebSampleApp.CreateAsync(args);
await sample.RunAsync();
