// These tests measure what several instances do within fractions of a server second (a lease renewed every 500 ms
// against a take-over after 1.5 s, one admission per window, a permit freed when its lease ends) on a two-core machine.
// Test classes running side by side in this process, next to the multi-process tests' child processes, delayed timers
// by more than a second and failed a correct behaviour (WebhookInboxTests' take-over, RateLimiterTests' lease end), so
// the classes run one after another: the run is longer, and a failure means the behaviour, not the neighbours.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
