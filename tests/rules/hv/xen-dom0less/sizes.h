#define DOMU_KIB 0x40000
#define DOMU_CPUS 2
