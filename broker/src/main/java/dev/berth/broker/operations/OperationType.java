package dev.berth.broker.operations;

/** What an operation does to its workload. */
public enum OperationType { CREATE, START, STOP, RESTART, DELETE, SNAPSHOT, SNAPSHOT_DELETE, RESTORE }
