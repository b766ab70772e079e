using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unico.IdCloud.AspNetCore;
using Unico.IdCloud.Client;
using Unico.IdCloud.Redis.TestHost;

// One instance of an application using the SDK with Redis, driven by the multi-process tests through environment
// variables, stdin ("go" starts the burst) and stdout (one "result ..." line, or "listening"/"handled" lines).
var mode = args.Length > 0 ? args[0] : throw new ArgumentException("mode: calls | poll | webhook | accounts");
var settings = HostSettings.FromEnvironment();

if (mode == "webhook")
{
    await WebhookInstance.RunAsync(settings);
    return 0;
}

if (mode == "accounts")
{
    return await NamedAccountsInstance.RunAsync(settings);
}

var services = new ServiceCollection();
settings.AddSdk(services);
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
var processes = provider.GetRequiredService<IIdCloudProcessClient>();

if (Environment.GetEnvironmentVariable("WARM_UP") == "1")
{
    // One call before the measured run: the connection to the API exists and the code paths are compiled, as in an
    // instance that has been running for a while.
    await processes.GetProcessAsync(settings.ProcessIds[0]);
}

Console.Out.WriteLine("ready");
await Console.Out.FlushAsync();
if (Console.In.ReadLine() != "go")
{
    return 2;
}

var ok = 0;
var failed = 0;
var throttled = 0;
var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

async Task CallAsync(string processId)
{
    try
    {
        await processes.GetProcessAsync(processId);
        Interlocked.Increment(ref ok);
    }
    catch (IdCloudException ex)
    {
        Interlocked.Increment(ref failed);
        if (ex.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref throttled);
        }

        failures.Add(ex.GetType().Name + " " + (int?)ex.StatusCode + " " + ex.ErrorCode);
    }
}

if (mode == "calls")
{
    var processId = settings.ProcessIds[0];
    await Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(_ => Task.Run(() => CallAsync(processId))));
}
else if (mode == "poll")
{
    // One poller per process, polling until the duration ends, as an app waiting for many processes would.
    var until = DateTimeOffset.UtcNow + settings.Duration;
    await Task.WhenAll(settings.ProcessIds.Select(id => Task.Run(async () =>
    {
        while (DateTimeOffset.UtcNow < until)
        {
            await CallAsync(id);
        }
    })));
}
else
{
    return 3;
}

Console.Out.WriteLine($"result ok={ok} failed={failed} throttled={throttled} failures={string.Join(";", failures.Distinct())}");
return 0;

namespace Unico.IdCloud.Redis.TestHost
{
    /// <summary>What the test passes in: the emulator's addresses and account, Redis, the key ring, the workload.</summary>
    internal sealed record HostSettings(
        Uri Identity,
        Uri ProcessApi,
        Uri SignatureApi,
        string AccountName,
        string TenantId,
        string PrivateKeyPem,
        string Redis,
        string KeyPrefix,
        string KeyRingDirectory,
        int RequestsPerSecond,
        int Callers,
        IReadOnlyList<string> ProcessIds,
        TimeSpan Duration,
        TimeSpan HandlerDelay,
        bool RedisInbox,
        TimeSpan TakeOverAfter,
        TimeSpan PollInterval,
        bool HandlerBlocks)
    {
        public static HostSettings FromEnvironment()
        {
            static string Get(string name) => Environment.GetEnvironmentVariable(name) ?? throw new ArgumentException($"{name} is not set");
            static string Or(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
            return new HostSettings(
                new Uri(Get("EMU_IDENTITY")),
                new Uri(Get("EMU_PROCESS")),
                new Uri(Get("EMU_SIGNATURE")),
                Get("ACCOUNT_NAME"),
                Get("TENANT_ID"),
                Get("PRIVATE_KEY_PEM"),
                Get("REDIS"),
                Get("KEY_PREFIX"),
                Get("KEY_RING"),
                int.Parse(Or("RATE_LIMIT", "10"), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Or("CALLERS", "1"), System.Globalization.CultureInfo.InvariantCulture),
                Or("PROCESS_IDS", "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                TimeSpan.FromMilliseconds(int.Parse(Or("DURATION_MS", "0"), System.Globalization.CultureInfo.InvariantCulture)),
                TimeSpan.FromMilliseconds(int.Parse(Or("HANDLER_DELAY_MS", "0"), System.Globalization.CultureInfo.InvariantCulture)),
                Or("INBOX", "memory") == "redis",
                TimeSpan.FromMilliseconds(int.Parse(Or("TAKE_OVER_MS", "60000"), System.Globalization.CultureInfo.InvariantCulture)),
                TimeSpan.FromMilliseconds(int.Parse(Or("POLL_MS", "1000"), System.Globalization.CultureInfo.InvariantCulture)),
                Or("HANDLER_BLOCKS", "0") == "1");
        }

        /// <summary>The SDK wired as the README says: AddIdCloud, AddRedis (and UseRedisWebhookInbox), a shared Data Protection key ring.</summary>
        public void AddSdk(IServiceCollection services)
        {
            services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
            services.AddDataProtection()
                .SetApplicationName("idcloud-redis-tests")
                .PersistKeysToFileSystem(new DirectoryInfo(KeyRingDirectory));
            var idcloud = services.AddIdCloud(options =>
                {
                    options.IdentityBaseAddress = Identity;
                    options.ProcessApiBaseAddress = ProcessApi;
                    options.SignatureApiBaseAddress = SignatureApi;
                    options.ServiceAccount.AccountName = AccountName;
                    options.ServiceAccount.TenantId = TenantId;
                    options.ServiceAccount.PrivateKeyPem = PrivateKeyPem;
                })
                .AddRedis(
                    redis =>
                    {
                        redis.Configuration = Redis;
                        redis.KeyPrefix = KeyPrefix;
                    },
                    budget =>
                    {
                        budget.RequestsPerSecond = RequestsPerSecond;
                        budget.ReservedForHighPriority = Math.Min(2, RequestsPerSecond - 1);
                    });
            if (RedisInbox)
            {
                idcloud.UseRedisWebhookInbox(inbox =>
                {
                    inbox.TakeOverAfter = TakeOverAfter;
                    inbox.PollInterval = PollInterval;
                });
            }
        }
    }

    /// <summary>
    /// One app with two named accounts (<c>AddIdCloud("first", ...)</c> and <c>AddIdCloud("second", ...)</c>, both with
    /// <c>AddRedis</c> on the same Redis and key prefix). On "go", <c>CALLERS</c> concurrent calls per account read that
    /// account's process (<c>PROCESS_IDS</c>, <c>PROCESS_IDS2</c>) through <see cref="IIdCloudClientFactory"/>; writes one
    /// "result-first ..." and one "result-second ..." line.
    /// </summary>
    internal static class NamedAccountsInstance
    {
        public static async Task<int> RunAsync(HostSettings settings)
        {
            static string Get(string name) => Environment.GetEnvironmentVariable(name) ?? throw new ArgumentException($"{name} is not set");
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(LogLevel.Warning));
            services.AddDataProtection()
                .SetApplicationName("idcloud-redis-tests")
                .PersistKeysToFileSystem(new DirectoryInfo(settings.KeyRingDirectory));
            var accounts = new[]
            {
                ("first", settings.AccountName, settings.TenantId, settings.PrivateKeyPem, settings.ProcessIds[0]),
                ("second", Get("ACCOUNT2_NAME"), Get("TENANT2_ID"), Get("PRIVATE_KEY2_PEM"), Get("PROCESS_IDS2")),
            };
            foreach (var (name, accountName, tenantId, pem, _) in accounts)
            {
                services.AddIdCloud(name, options =>
                    {
                        options.IdentityBaseAddress = settings.Identity;
                        options.ProcessApiBaseAddress = settings.ProcessApi;
                        options.SignatureApiBaseAddress = settings.SignatureApi;
                        options.ServiceAccount.AccountName = accountName;
                        options.ServiceAccount.TenantId = tenantId;
                        options.ServiceAccount.PrivateKeyPem = pem;
                    })
                    .AddRedis(
                        redis =>
                        {
                            redis.Configuration = settings.Redis;
                            redis.KeyPrefix = settings.KeyPrefix;
                        },
                        budget => budget.RequestsPerSecond = settings.RequestsPerSecond);
            }

            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            var factory = provider.GetRequiredService<IIdCloudClientFactory>();
            Console.Out.WriteLine("ready");
            await Console.Out.FlushAsync();
            if (Console.In.ReadLine() != "go")
            {
                return 2;
            }

            var results = await Task.WhenAll(accounts.Select(async account =>
            {
                var processes = factory.GetProcessClient(account.Item1);
                var ok = 0;
                var failed = 0;
                var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
                await Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(_ => Task.Run(async () =>
                {
                    try
                    {
                        await processes.GetProcessAsync(account.Item5);
                        Interlocked.Increment(ref ok);
                    }
                    catch (IdCloudException ex)
                    {
                        Interlocked.Increment(ref failed);
                        failures.Add(ex.GetType().Name + " " + (int?)ex.StatusCode + " " + ex.ErrorCode);
                    }
                })));
                return $"result-{account.Item1} ok={ok} failed={failed} throttled=0 failures={string.Join(";", failures.Distinct())}";
            }));
            foreach (var line in results)
            {
                Console.Out.WriteLine(line);
            }

            await Console.Out.FlushAsync();
            return 0;
        }
    }

    /// <summary>
    /// An ASP.NET Core app with the webhook receiver; its handler writes "started ..." and "handled ..." to stdout. With
    /// HANDLER_BLOCKS=1 the handler waits between the two until the test writes "release &lt;processId&gt;" to stdin, so
    /// the test knows the handler is running when it kills the instance.
    /// </summary>
    internal static class WebhookInstance
    {
        public static async Task RunAsync(HostSettings settings)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            settings.AddSdk(builder.Services);
            builder.Services.AddIdCloudWebhook(options =>
            {
                options.Authentication = IdCloudWebhookAuthentication.ApiKey;
                options.ApiKey = "X-API-Key:multi-process-test";
                options.FetchProcess = false;
            });
            var releases = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
            TaskCompletionSource Release(string processId) => releases.GetOrAdd(processId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            builder.Services.AddIdCloudWebhookHandler(async (context, cancellationToken) =>
            {
                Console.Out.WriteLine($"started {context.ProcessId}");
                await Console.Out.FlushAsync(cancellationToken);
                if (settings.HandlerBlocks)
                {
                    await Release(context.ProcessId).Task.WaitAsync(cancellationToken);
                }

                await Task.Delay(settings.HandlerDelay, cancellationToken);
                Console.Out.WriteLine($"handled {context.ProcessId}");
                await Console.Out.FlushAsync(cancellationToken);
            });
            await using var app = builder.Build();
            app.MapIdCloudWebhook("/webhook");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            Console.Out.WriteLine($"listening {address}/webhook");
            await Console.Out.FlushAsync();

            // Runs until the test closes stdin (or kills the process).
            while (Console.In.ReadLine() is { } line && line != "stop")
            {
                if (line.StartsWith("release ", StringComparison.Ordinal))
                {
                    Release(line["release ".Length..]).TrySetResult();
                }
            }

            await app.StopAsync();
        }
    }

    /// <summary>Warnings and errors to stderr, so the test can show what an instance logged.</summary>
    internal sealed class StderrLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                Console.Error.WriteLine($"{logLevel} {eventId.Id} {category}: {formatter(state, exception)}");
        }
    }
}
