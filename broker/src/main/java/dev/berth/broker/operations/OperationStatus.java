package dev.berth.broker.operations;

/** PENDING (queued or waiting to retry) → RUNNING (leased by a worker) → SUCCEEDED | FAILED. */
public enum OperationStatus { PENDING, RUNNING, SUCCEEDED, FAILED }
