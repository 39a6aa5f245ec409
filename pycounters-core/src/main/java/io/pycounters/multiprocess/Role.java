package io.pycounters.multiprocess;

/** The role of a process among the processes of one host that report together. */
public enum Role {

    /** This process reports alone: nothing is started. */
    NONE,

    /** This process leads when no other process of its group does, and is a node otherwise. */
    AUTO,

    /** This process always leads: it collects the others' values and reports for all. */
    LEADER,

    /** This process never leads: it hands its values to the leader, which reports them. */
    NODE
}
