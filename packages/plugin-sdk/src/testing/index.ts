// Test kits for plugin and adapter authors; each is added with its suite.
export {};
