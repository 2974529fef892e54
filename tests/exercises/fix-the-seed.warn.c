/* Builds, but with a warning (an unused variable): not yet. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    int unused;
    int fd = open("/dev/zero", O_RDWR);
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return 1;
    sprintf(p, "Hello from user space");
    printf("Shared Memory: %s\n", p);
    munmap(p, 4096);
    close(fd);
    return 0;
}
