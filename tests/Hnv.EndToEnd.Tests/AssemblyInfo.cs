// The labs share two cores with their agents, controllers, iperf3 and tshark: run one test collection at a time,
// so a timing figure (NIC propagation, mobility outage, UDP loss) measures hnv rather than a neighbour lab's load.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
