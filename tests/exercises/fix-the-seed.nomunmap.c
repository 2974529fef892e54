#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main() {
int fd = open("/dev/zero", O_RDWR);
if (fd < 0) {
perror("open");
return 1;
}
void *shared_mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
if (shared_mem == MAP_FAILED) {
perror("mmap");
close(fd);
return 1;
}
// Access shared memory
sprintf((char *)shared_mem, "Hello from user space");
// Print data from shared memory
printf("Shared Memory: %s\n", (char *)shared_mem);
// Cleanup
close(fd);
return 0;
}
